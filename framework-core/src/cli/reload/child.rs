//! The processes `run --reload` starts: the build, and the app with the listening
//! socket at file descriptor 3 (`LISTEN_FDS=1`), stopped with SIGTERM so requests in
//! flight finish.
//!
//! They are `std` processes, each waited for by a thread of its own, rather than
//! Tokio's: Tokio's process support, once compiled in, reaps orphans each time a
//! runtime thread wakes, in every app, reloading or not.

use std::ffi::OsString;
use std::io;
use std::net::TcpListener;
use std::os::fd::OwnedFd;
use std::process::{Command, ExitStatus};
use std::time::Duration;

use command_fds::{CommandFdExt, FdMapping};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use tokio::sync::oneshot;

/// The descriptor the listenfd protocol puts the first socket at.
const FIRST_FD: i32 = 3;

/// How long a stopped app may take to finish its requests before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// A started process. Dropping it before it has exited kills it, so neither a build
/// nor an app outlives the supervisor.
pub(super) struct Running {
    pid: Pid,
    /// The exit status, from the thread that waits for the process.
    exit: oneshot::Receiver<io::Result<ExitStatus>>,
    exited: bool,
}

impl Running {
    /// Starts `command` and a thread that waits for it.
    pub(super) fn spawn(mut command: Command) -> io::Result<Running> {
        let mut child = command.spawn()?;
        let pid = Pid::from_raw(i32::try_from(child.id()).map_err(io::Error::other)?);
        let (tell, exit) = oneshot::channel();
        std::thread::Builder::new()
            .name("reload-child".into())
            .spawn(move || {
                let _ = tell.send(child.wait());
            })?;
        Ok(Running {
            pid,
            exit,
            exited: false,
        })
    }

    /// Completes when the process exits.
    pub(super) async fn wait(&mut self) -> io::Result<ExitStatus> {
        let status = (&mut self.exit)
            .await
            .unwrap_or_else(|_| Err(io::Error::other("the process's waiter thread is gone")));
        self.exited = true;
        status
    }

    fn signal(&self, signal: Signal) -> bool {
        !self.exited && kill(self.pid, signal).is_ok()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // Not reaped yet: the pid is still this process's (a reaped one would have
        // sent its status already).
        if !self.exited
            && matches!(
                self.exit.try_recv(),
                Err(oneshot::error::TryRecvError::Empty)
            )
        {
            self.signal(Signal::SIGKILL);
        }
    }
}

/// Starts `command` (program, then arguments) with a duplicate of `listener`.
pub(super) fn start(command: &[OsString], listener: &TcpListener) -> io::Result<Running> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no app command"))?;
    let socket: OwnedFd = listener.try_clone()?.into();
    let mut child = Command::new(program);
    child
        .args(args)
        .env("LISTEN_FDS", "1")
        .env_remove("LISTEN_PID")
        .env_remove("LISTEN_FDS_FIRST_FD");
    child
        .fd_mappings(vec![FdMapping {
            parent_fd: socket,
            child_fd: FIRST_FD,
        }])
        .map_err(|error| io::Error::other(error.to_string()))?;
    Running::spawn(child)
}

/// Asks the app to stop (SIGTERM: its graceful shutdown) and waits for it; kills it
/// if it is still running after [`STOP_TIMEOUT`].
pub(super) async fn stop(mut child: Running) -> io::Result<()> {
    if !child.signal(Signal::SIGTERM) {
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
            child.signal(Signal::SIGKILL);
            child.wait().await?;
        }
    }
    Ok(())
}

/// Completes when the app exits on its own; never, when no app is running.
pub(super) async fn exited(child: &mut Option<Running>) -> io::Result<ExitStatus> {
    match child {
        Some(child) => child.wait().await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_process_is_waited_for() {
        let mut command = Command::new("sh");
        command.args(["-c", "exit 3"]);
        let mut running = Running::spawn(command).unwrap();
        assert_eq!(running.wait().await.unwrap().code(), Some(3));
    }

    #[tokio::test]
    async fn a_dropped_process_is_killed() {
        let mut command = Command::new("sleep");
        command.arg("60");
        let running = Running::spawn(command).unwrap();
        let pid = running.pid;
        drop(running);
        // Killed, then reaped by its waiter thread: the pid is gone.
        let gone = async {
            while kill(pid, None).is_ok() {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(10), gone)
            .await
            .expect("the dropped process was not killed");
    }
}
