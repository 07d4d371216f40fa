//! The app's process under `run --reload`: started with the listening socket at file
//! descriptor 3 (`LISTEN_FDS=1`), stopped with SIGTERM so requests in flight finish.

use std::ffi::OsString;
use std::io;
use std::net::TcpListener;
use std::os::fd::OwnedFd;
use std::process::ExitStatus;
use std::time::Duration;

use command_fds::{CommandFdExt, FdMapping};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use tokio::process::{Child, Command};

/// The descriptor the listenfd protocol puts the first socket at.
const FIRST_FD: i32 = 3;

/// How long a stopped app may take to finish its requests before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// Starts `command` (program, then arguments) with a duplicate of `listener`.
pub(super) fn start(command: &[OsString], listener: &TcpListener) -> io::Result<Child> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no app command"))?;
    let socket: OwnedFd = listener.try_clone()?.into();
    let mut child = Command::new(program);
    child
        .args(args)
        .env("LISTEN_FDS", "1")
        .env_remove("LISTEN_PID")
        .env_remove("LISTEN_FDS_FIRST_FD")
        .kill_on_drop(true);
    child
        .fd_mappings(vec![FdMapping {
            parent_fd: socket,
            child_fd: FIRST_FD,
        }])
        .map_err(|error| io::Error::other(error.to_string()))?;
    child.spawn()
}

/// Asks the app to stop (SIGTERM: its graceful shutdown) and waits for it; kills it
/// if it is still running after [`STOP_TIMEOUT`].
pub(super) async fn stop(mut child: Child) -> io::Result<()> {
    let Some(id) = child.id() else {
        return Ok(());
    };
    let pid = Pid::from_raw(i32::try_from(id).map_err(io::Error::other)?);
    if kill(pid, Signal::SIGTERM).is_err() {
        // It has exited already.
        child.wait().await?;
        return Ok(());
    }
    match tokio::time::timeout(STOP_TIMEOUT, child.wait()).await {
        Ok(status) => {
            status?;
        }
        Err(_) => {
            tracing::warn!("the app did not stop within {STOP_TIMEOUT:?} of SIGTERM: killing it");
            child.kill().await?;
        }
    }
    Ok(())
}

/// Completes when the app exits on its own; never, when no app is running.
pub(super) async fn exited(child: &mut Option<Child>) -> io::Result<ExitStatus> {
    match child {
        Some(child) => child.wait().await,
        None => std::future::pending().await,
    }
}
