//! Serving an app over TCP: `App::serve` with the server's limits (head size and
//! count, timeouts, connections; see [`ServerLimits`]), the client's address for
//! every request, a tracing span per request, and a graceful shutdown on SIGINT or
//! SIGTERM that waits for requests in flight up to `SHUTDOWN_TIMEOUT`.

mod connection;
mod drive;
mod inherited;
mod limits;

pub use inherited::inherited_listener;
pub use limits::ServerLimits;

use std::future::Future;
use std::io;
use std::sync::Arc;

use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use crate::App;
use crate::app::BuildError;

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
        let listener = TcpListener::bind(address)
            .await
            .map_err(|source| ServeError::Bind {
                address: address.to_owned(),
                source,
            })?;
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
        let limits = self.limits().clone();
        let headers = self.policy_headers();
        let slow_head = drive::slow_head_answer(&headers).await;
        let (router, outermost) = self.served_router()?;
        let service = connection::Service::new(router, outermost, &limits, headers);
        if let Ok(address) = listener.local_addr() {
            tracing::info!("serving on http://{address}");
        }
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .max_header_size(limits.max_header_size)
            .keep_alive(limits.keep_alive);
        // hyper's own limit is 100 fields, parsed into an array on the stack; any
        // other count makes it allocate and fill that array on every request.
        if limits.max_header_count != HYPER_MAX_HEADERS {
            http.max_headers(limits.max_header_count);
        }
        // Each connection holds a receiver: a change asks it to finish, and the
        // sender's `closed` completes when every connection has ended.
        let (stop, stopping) = watch::channel(());
        let permits = Arc::new(Semaphore::new(limits.max_connections));
        let shutdown = std::pin::pin!(shutdown);
        let mut shutdown = shutdown;
        loop {
            // A connection is accepted only when it can be served: past
            // `MAX_CONNECTIONS`, clients wait in the listen queue.
            let permit = tokio::select! {
                permit = permits.clone().acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => break,
                },
                () = &mut shutdown => break,
            };
            let (stream, remote) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        accept_failed(&error).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let _ = stream.set_nodelay(true);
            let connection =
                http.serve_connection(TokioIo::new(stream), service.for_client(remote));
            let stopping = stopping.clone();
            let slow_head = slow_head.clone();
            tokio::spawn(async move {
                drive::run(connection, stopping, &slow_head, remote).await;
                drop(permit);
            });
        }
        drop(listener);
        tracing::info!("shutting down: waiting for the requests in flight");
        let _ = stop.send(());
        drop(stopping);
        match tokio::time::timeout(limits.shutdown_timeout, stop.closed()).await {
            Ok(()) => tracing::info!("stopped: every request in flight was answered"),
            Err(_) => tracing::warn!(
                "stopped: SHUTDOWN_TIMEOUT ({:?}) passed with requests still in flight; their connections are closed",
                limits.shutdown_timeout
            ),
        }
        Ok(())
    }
}

/// The number of header fields hyper accepts unless told otherwise.
const HYPER_MAX_HEADERS: usize = 100;

/// An error accepting a connection: the listener stays open. Running out of file
/// descriptors is waited out, so the loop does not spin.
async fn accept_failed(error: &io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "cannot accept a connection");
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
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
