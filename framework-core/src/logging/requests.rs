//! One log line per request, as Flask's development server prints: method, path,
//! status and the time taken (`GET /users/42 200 1.21ms`), at `INFO` under the
//! target `framework_core::request`. The query string is left out: it may carry
//! tokens that do not belong in logs.
//!
//! `App::configure` turns it on in development and off in production
//! (`LOG_REQUESTS` decides otherwise). Off, the layer is not added at all, so it
//! costs nothing.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// The middleware (`axum::middleware::from_fn`) that logs each request's line once
/// its response is ready.
pub(crate) async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let uri = request.uri().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        target: "framework_core::request",
        "{method} {path} {status} {elapsed:.2?}",
        path = uri.path(),
        status = response.status().as_u16(),
        elapsed = started.elapsed(),
    );
    response
}
