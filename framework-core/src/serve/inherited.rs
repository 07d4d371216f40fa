//! A listening socket handed over by the process that started this one (the
//! listenfd protocol: `LISTEN_FDS`, the first socket at file descriptor 3). `run
//! --reload` starts the app this way so the port stays open across restarts; systemd
//! socket activation and `systemfd` do the same.

use std::io;
use std::net::TcpListener;

/// The TCP listener passed in `LISTEN_FDS`, if there is one. The variables are
/// removed from the environment, so a process started from this one does not take
/// the socket for its own: call it before any thread is started.
///
/// ```
/// // Without `LISTEN_FDS` in the environment there is nothing to take.
/// assert!(framework_core::serve::inherited_listener().unwrap().is_none());
/// ```
pub fn inherited_listener() -> io::Result<Option<TcpListener>> {
    if std::env::var_os("LISTEN_FDS").is_none() {
        return Ok(None);
    }
    let listener = listenfd::ListenFd::from_env().take_tcp_listener(0)?;
    if let Some(listener) = &listener {
        listener.set_nonblocking(true)?;
    }
    Ok(listener)
}
