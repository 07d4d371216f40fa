//! Serving an app over TCP: `App::serve` with graceful shutdown on SIGINT/SIGTERM
//! (requests in flight finish) and a tracing span per request.

use std::future::Future;
use std::io;

use axum::Router;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

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
    /// SIGTERM; requests in flight then finish before it returns.
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
    /// finish. For tests and for apps with a shutdown of their own.
    pub async fn serve_with_shutdown(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        let router = traced(self.into_router()?);
        if let Ok(address) = listener.local_addr() {
            tracing::info!("serving on http://{address}");
        }
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(ServeError::Io)?;
        tracing::info!("stopped: every request in flight was answered");
        Ok(())
    }
}

/// One tracing span per request (method, path, status, latency at DEBUG/INFO as
/// tower-http logs them).
fn traced(router: Router) -> Router {
    router.layer(TraceLayer::new_for_http())
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
