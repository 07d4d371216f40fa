//! One way to write a tower middleware: an async function of the request and the
//! service inside. [`MiddlewareLayer`] does the tower plumbing (readiness, cloning the
//! inner service, boxing the future) once for every middleware of the framework:
//! hooks and error handlers, sessions, CSRF.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::response::Response;
use http::Request;
use tower::{Layer, Service};

/// What a middleware does with one request: call `inner` (or not) and return the
/// response.
///
/// ```
/// use framework_core::middleware::{Middleware, MiddlewareLayer};
/// use framework_core::prelude::*;
/// use tower::Service;
///
/// #[derive(Clone)]
/// struct PoweredBy;
///
/// impl Middleware for PoweredBy {
///     async fn call<S>(&self, request: framework_core::http::Request<framework_core::axum::body::Body>, mut inner: S) -> Response
///     where
///         S: Service<framework_core::http::Request<framework_core::axum::body::Body>, Response = Response, Error = std::convert::Infallible> + Send,
///         S::Future: Send,
///     {
///         let Ok(mut response) = inner.call(request).await;
///         response.headers_mut().insert("x-powered-by", "framework".parse().unwrap());
///         response
///     }
/// }
///
/// let app = App::new().layer(MiddlewareLayer(PoweredBy));
/// # let _ = app;
/// ```
pub trait Middleware: Clone + Send + Sync + 'static {
    /// Handles `request`, usually by calling `inner`.
    fn call<S>(&self, request: Request<Body>, inner: S) -> impl Future<Output = Response> + Send
    where
        S: Service<Request<Body>, Response = Response, Error = Infallible> + Send,
        S::Future: Send;
}

/// Turns a [`Middleware`] into a tower layer.
#[derive(Clone, Debug)]
pub struct MiddlewareLayer<M>(pub M);

impl<M: Clone, S> Layer<S> for MiddlewareLayer<M> {
    type Service = MiddlewareService<M, S>;

    fn layer(&self, inner: S) -> Self::Service {
        MiddlewareService {
            middleware: self.0.clone(),
            inner,
        }
    }
}

/// The service a [`MiddlewareLayer`] wraps around the inner one.
#[derive(Clone, Debug)]
pub struct MiddlewareService<M, S> {
    middleware: M,
    inner: S,
}

impl<M, S> Service<Request<Body>> for MiddlewareService<M, S>
where
    M: Middleware,
    S: Service<Request<Body>, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        // The ready service goes into the future; a fresh clone stays for the next call
        // (tower's rule for services that are cloned while ready).
        let clone = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, clone);
        let middleware = self.middleware.clone();
        Box::pin(async move { Ok(middleware.call(request, inner).await) })
    }
}
