//! A private `redis-server` of one test on a free loopback port, which the test may
//! stop and start again (an outage) without touching the server other tests share.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Running, free_port, wait_for_port};

/// A private Redis: its port and folder, and the server while it runs.
pub struct Redis {
    pub port: u16,
    dir: PathBuf,
    server: Option<Running>,
}

impl Redis {
    /// Starts `redis-server` on a free 127.0.0.1 port, its files in `dir`, no
    /// persistence (`cargo xtask test` installs it for tests marked `needs redis`).
    ///
    /// ```no_run
    /// let mut redis = test_support::redis::Redis::start(&test_support::temp_dir("redis-doc"));
    /// let url = redis.url();
    /// redis.stop();
    /// redis.restart();
    /// ```
    pub fn start(dir: &Path) -> Redis {
        let mut redis = Redis {
            port: free_port(),
            dir: dir.to_path_buf(),
            server: None,
        };
        redis.restart();
        redis
    }

    /// `redis://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Kills the server (the port stays this Redis's, for [`Redis::restart`]).
    pub fn stop(&mut self) {
        self.server = None;
    }

    /// Starts the server again on the same port, empty, and waits until it listens.
    pub fn restart(&mut self) {
        self.server = None;
        self.server = Some(Running::spawn(
            Command::new("redis-server")
                .args(["--bind", "127.0.0.1", "--port", &self.port.to_string()])
                .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
                .arg("--dir")
                .arg(&self.dir)
                .stdout(Stdio::null()),
            "redis-server (cargo xtask test installs it)",
        ));
        wait_for_port(self.port, "redis-server");
    }
}
