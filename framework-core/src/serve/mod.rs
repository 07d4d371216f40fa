//! Serving an app over TCP: `App::serve` with the server's limits (head size and
//! count, timeouts, connections; see [`ServerLimits`]), the client's address for
//! every request, a tracing span per request, and a graceful shutdown on SIGINT or
//! SIGTERM that waits for requests in flight up to `SHUTDOWN_TIMEOUT`; `App::run`
//! (and the command line's `run`) does the same from one thread per CPU core.

mod accept;
mod connection;
mod drive;
mod inherited;
mod limits;
mod threads;
mod timer;

pub use inherited::inherited_listener;
pub use limits::ServerLimits;
pub(crate) use threads::{Listen, serve_on_threads};

use std::future::Future;
use std::io;

use tokio::net::TcpListener;

use crate::App;
use crate::app::BuildError;
use accept::Server;

/// Why serving stopped with an error.
#[derive(Debug)]
pub enum ServeError {
    /// The app's routes do not fit together.
    Build(BuildError),
    /// The address could not be bound (in use, no permission, not an address).
    Bind { address: String, source: io::Error },
    /// The server failed while running.
    Io(io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Build(error) => write!(f, "{error}"),
            ServeError::Bind { address, source } => {
                write!(f, "cannot listen on {address}: {source}")
            }
            ServeError::Io(error) => write!(f, "server error: {error}"),
        }
    }
}

impl std::error::Error for ServeError {}

impl From<BuildError> for ServeError {
    fn from(error: BuildError) -> Self {
        ServeError::Build(error)
    }
}

impl App {
    /// Serves the app on `address` (`"127.0.0.1:5000"`) until SIGINT (Ctrl-C) or
    /// SIGTERM; requests in flight then finish (up to `SHUTDOWN_TIMEOUT`) before it
    /// returns.
    ///
    /// ```no_run
    /// use framework_core::prelude::*;
    ///
    /// #[get("/")]
    /// async fn index() -> &'static str {
    ///     "Hello, World!"
    /// }
    ///
    /// #[tokio::main]
    /// async fn main() -> Result<(), Box<dyn std::error::Error>> {
    ///     App::new().register(routes![index]).serve("127.0.0.1:5000").await?;
    ///     Ok(())
    /// }
    /// ```
    pub async fn serve(self, address: &str) -> Result<(), ServeError> {
        let listener = TcpListener::from_std(bind(address)?).map_err(ServeError::Io)?;
        self.serve_with_shutdown(listener, shutdown_signal()).await
    }

    /// Serves on `listener` until `shutdown` completes; requests in flight then
    /// finish, for up to the `SHUTDOWN_TIMEOUT` of the app's [`ServerLimits`]. For
    /// tests and for apps with a shutdown of their own.
    pub async fn serve_with_shutdown(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        let server = Server::new(self).await?;
        if let Ok(address) = listener.local_addr() {
            tracing::info!("serving on http://{address}");
        }
        let answered = server.serve(listener, shutdown).await;
        accept::stopped(answered, server.limits());
        Ok(())
    }
}

/// Binds `address`, non-blocking, for a Tokio listener on any runtime.
fn bind(address: &str) -> Result<std::net::TcpListener, ServeError> {
    let bound = std::net::TcpListener::bind(address).and_then(|listener| {
        listener.set_nonblocking(true)?;
        Ok(listener)
    });
    bound.map_err(|source| ServeError::Bind {
        address: address.to_owned(),
        source,
    })
}

/// Completes on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
