//! Services that tests need, really started on private loopback ports.
//!
//! A test that needs one is marked `#[ignore = "needs redis: run via cargo xtask test"]`
//! (or names several: `needs postgres, redis and nginx`);
//! when any test is, this starts `redis-server` (installing Debian's package if it is
//! missing) on a free 127.0.0.1 port and passes `REDIS_URL` to the test run. The
//! server stops when the run ends, whether it passed or not. Tests marked
//! `needs redis and nginx` or `needs chromium` get those Debian packages installed;
//! they start the programs themselves. Tests marked `needs postgres` get a throwaway
//! PostgreSQL cluster (Debian's `postgresql`, installed if missing): `initdb` in a
//! temporary folder as the unprivileged `postgres` user, started on a free loopback
//! port with `pg_ctl`, stopped and removed when the run ends. The tests find it
//! through `POSTGRES_URL`, and may stop and start it (to test an outage) through
//! `POSTGRES_BIN` and `POSTGRES_DATA`. Tests marked `needs oidc-provider` get Node.js
//! and npm (Debian's `nodejs` and `npm`, if missing) and the npm packages of
//! `test-support/oidc` (`npm ci`, when its lock file changed); they start the
//! provider themselves, each with its own settings.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::steps::run;

pub struct Services {
    root: PathBuf,
    redis: Option<(Child, u16)>,
    postgres: Option<crate::postgres::Postgres>,
}

impl Services {
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            redis: None,
            postgres: None,
        }
    }

    /// Starts each service that some test asks for (or `XTASK_SERVICES=redis` forces).
    pub fn start_needed(&mut self) -> Result<(), String> {
        let forced = std::env::var("XTASK_SERVICES").unwrap_or_default();
        let mut any = false;
        if forced.split(',').any(|s| s.trim() == "nginx") || self.tests_need("nginx") {
            // Tests start their own nginx with their own configuration.
            ensure_installed("nginx", "nginx", "tests marked `needs … nginx` run it")?;
            any = true;
        }
        if forced.split(',').any(|s| s.trim() == "chromium") || self.tests_need("chromium") {
            // The browser test starts Chromium through chromedriver itself.
            ensure_installed(
                "chromium",
                "chromium",
                "tests marked `needs chromium` drive it",
            )?;
            ensure_installed(
                "chromedriver",
                "chromium-driver",
                "the browser test drives Chromium with it",
            )?;
            any = true;
        }
        if forced.split(',').any(|s| s.trim() == "oidc-provider")
            || self.tests_need("oidc-provider")
        {
            crate::oidc::install(&self.root)?;
            any = true;
        }
        if forced.split(',').any(|s| s.trim() == "redis") || self.tests_need("redis") {
            self.start_redis()?;
            any = true;
        }
        if forced.split(',').any(|s| s.trim() == "postgres") || self.tests_need("postgres") {
            self.postgres = Some(crate::postgres::Postgres::start()?);
            any = true;
        }
        if !any {
            println!("no test needs a service");
        }
        Ok(())
    }

    /// Environment variables that tell the tests where the services are.
    pub fn env(&self) -> Vec<(String, String)> {
        let mut env = Vec::new();
        if let Some((_, port)) = &self.redis {
            env.push(("REDIS_URL".to_owned(), format!("redis://127.0.0.1:{port}")));
        }
        if let Some(postgres) = &self.postgres {
            env.extend(postgres.env());
        }
        env
    }

    /// Whether some test outside xtask is marked `#[ignore = "needs …{service}…"]`
    /// (one test may need several: `needs postgres, redis and nginx`).
    fn tests_need(&self, service: &str) -> bool {
        let pattern = format!("ignore = \"needs [^\"]*{service}");
        Command::new("git")
            .args([
                "grep",
                "--untracked",
                "-q",
                "-E",
                &pattern,
                "--",
                "*.rs",
                ":!xtask/**",
            ])
            .current_dir(&self.root)
            .status()
            .is_ok_and(|s| s.success())
    }

    fn start_redis(&mut self) -> Result<(), String> {
        ensure_installed(
            "redis-server",
            "redis-server",
            "tests marked `needs redis` use it",
        )?;
        let port = free_port()?;
        let dir = self.root.join("target").join("xtask").join("redis");
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start redis-server: {e}"))?;
        self.redis = Some((child, port));
        wait_for_redis(port)?;
        println!("redis-server is up on 127.0.0.1:{port}");
        Ok(())
    }
}

impl Drop for Services {
    fn drop(&mut self) {
        if let Some((mut child, port)) = self.redis.take() {
            let _ = child.kill();
            let _ = child.wait();
            println!("stopped redis-server on 127.0.0.1:{port}");
        }
    }
}

/// Installs Debian's `package` when `program` is not on the machine.
pub(crate) fn ensure_installed(program: &str, package: &str, why: &str) -> Result<(), String> {
    if available(program) {
        return Ok(());
    }
    println!("installing Debian's {package}: {why}");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get").args(["install", "-y", package]))
}

/// Whether `program` is on `PATH`.
fn available(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// A port on 127.0.0.1 that nothing listens on right now.
pub(crate) fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot read the free port: {e}"))
}

/// Waits (up to 20 s) until Redis answers PING.
fn wait_for_redis(port: u16) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
            let mut reply = [0u8; 7];
            if stream.write_all(b"PING\r\n").is_ok()
                && stream.read_exact(&mut reply).is_ok()
                && &reply == b"+PONG\r\n"
            {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!(
        "redis-server did not answer on 127.0.0.1:{port} within 20 s"
    ))
}
