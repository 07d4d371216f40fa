//! Helpers for tests that start real processes on 127.0.0.1: a child that is stopped
//! when dropped, a free port, waiting until something listens, a fresh temporary
//! folder, a browser-like HTTP client, a capture of the log lines, a load generator, nginx in front of app
//! instances, a private Redis and a real OpenID provider. Nothing here talks to
//! anything but loopback.
#![forbid(unsafe_code)]

pub mod http;
pub mod load;
pub mod logs;
pub mod nginx;
pub mod oidc;
pub mod redis;

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// A child process, killed and waited for when dropped (also when a test fails).
pub struct Running(Child);

impl Running {
    /// Starts `command`; panics with `what` if it cannot be started.
    pub fn spawn(command: &mut Command, what: &str) -> Running {
        match command.spawn() {
            Ok(child) => Running(child),
            Err(error) => panic!("cannot start {what}: {error}"),
        }
    }

    /// Asks the process to stop (SIGTERM, through `kill`) and waits up to 10 s for
    /// it; still running then, it is killed. For programs that must stop their own
    /// children, such as nginx's master its workers: a SIGKILL would orphan them.
    pub fn terminate(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // Dropping kills it.
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A port on 127.0.0.1 that nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port on 127.0.0.1")
}

/// Waits (up to 30 s) until something accepts connections on 127.0.0.1:`port`.
pub fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not start listening on 127.0.0.1:{port}");
}

/// A new, empty folder under the system's temporary folder, named for this test run.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}
