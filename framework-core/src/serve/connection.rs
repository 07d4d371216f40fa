//! The service each connection runs requests through: the client's address in the
//! request (`ConnectInfo`), a tracing span, and the app's router, in its outermost
//! layer (trusted proxies, security headers), under the `REQUEST_TIMEOUT`.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::response::Response;
use futures_util::FutureExt;
use http::{Request, StatusCode};
use hyper::body::Incoming;
use tower::{Layer, ServiceExt};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{Trace, TraceLayer};

use crate::Error;
use crate::security::{Outermost, OutermostService, SecurityHeaders};

/// The app's router with one tracing span per request (method, path, status and
/// latency as tower-http logs them), wrapped once around the whole router rather
/// than around each route.
type Traced = Trace<OutermostService<Router>, SharedClassifier<ServerErrorsAsFailures>>;

/// What every connection of one server shares.
#[derive(Clone)]
pub(super) struct Service {
    router: Traced,
    timeout: Option<Duration>,
    headers: Arc<SecurityHeaders>,
}

impl Service {
    pub(super) fn new(
        router: Router,
        outermost: Outermost,
        limits: &super::ServerLimits,
        headers: SecurityHeaders,
    ) -> Self {
        Service {
            router: TraceLayer::new_for_http().layer(outermost.layer(router)),
            timeout: limits.request_timeout,
            headers: Arc::new(headers),
        }
    }

    /// The service for one connection, from `remote`.
    pub(super) fn for_client(&self, remote: SocketAddr) -> Client {
        Client {
            shared: self.clone(),
            remote,
        }
    }
}

/// One connection's service.
pub(super) struct Client {
    shared: Service,
    remote: SocketAddr,
}

impl hyper::service::Service<Request<Incoming>> for Client {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn call(&self, request: Request<Incoming>) -> Self::Future {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(self.remote));
        let answer = self
            .shared
            .router
            .clone()
            .oneshot(request)
            .map(|answer| answer.map(|response| response.map(Body::new)));
        let Some(limit) = self.shared.timeout else {
            return Box::pin(answer);
        };
        let headers = self.shared.headers.clone();
        Box::pin(async move {
            match tokio::time::timeout(limit, answer).await {
                Ok(answer) => answer,
                Err(_) => Ok(timed_out(&headers, limit)),
            }
        })
    }
}

/// The answer to a request that took longer than `REQUEST_TIMEOUT`.
#[cold]
fn timed_out(headers: &SecurityHeaders, limit: Duration) -> Response {
    tracing::error!(?limit, "a request took longer than REQUEST_TIMEOUT");
    let mut response = Error::from_status(StatusCode::SERVICE_UNAVAILABLE)
        .with_message("The server took too long to answer; please try again.")
        .default_response();
    response.headers_mut().insert(
        http::header::CONNECTION,
        http::HeaderValue::from_static("close"),
    );
    headers.apply(&mut response, false);
    response
}
