//! The service each connection runs requests through: the client's address in the
//! request (`ConnectInfo`), a tracing span, and the app's router, in its outermost
//! layer (trusted proxies, security headers), under the `REQUEST_TIMEOUT`.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::response::Response;
use http::{Request, StatusCode};
use hyper::body::Incoming;
use tokio::time::Sleep;
use tower::util::Oneshot;
use tower::{Layer, ServiceExt};
use tracing::Span;

use crate::Error;
use crate::security::{Outermost, OutermostService, SecurityHeaders};

/// The app's router in its outermost layer.
type Secured = OutermostService<Router>;

/// What every connection of one server shares.
#[derive(Clone)]
pub(super) struct Service {
    router: Secured,
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
            router: outermost.layer(router),
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
    type Future = Answer;

    fn call(&self, request: Request<Incoming>) -> Answer {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(self.remote));
        let traced = Traced::of(&request);
        Answer {
            answer: self.shared.router.clone().oneshot(request),
            deadline: self.shared.timeout.map(|limit| Deadline {
                at: tokio::time::Instant::now() + limit,
                timer: None,
                limit,
                headers: self.shared.headers.clone(),
            }),
            traced,
        }
    }
}

/// The span of one request, when a subscriber records `DEBUG` spans of this
/// module: its method, path and version, and when it started, to log its status
/// and latency as it ends. Otherwise nothing, which costs nothing per poll.
struct Traced(Option<(Span, Instant)>);

impl Traced {
    fn of<B>(request: &Request<B>) -> Self {
        // One load of the global level first: past it the span's macro is not
        // entered (with `tracing`'s `log` feature, which a dependency turns on, a
        // disabled span still records its fields for `log`).
        if !tracing::level_enabled!(tracing::Level::DEBUG) {
            return Traced(None);
        }
        let span = tracing::debug_span!(
            "request",
            method = %request.method(),
            uri = %request.uri(),
            version = ?request.version(),
        );
        Traced((!span.is_disabled()).then(|| (span, Instant::now())))
    }

    fn finished(&self, response: &Response) {
        if let Some((span, started)) = &self.0 {
            let _entered = span.enter();
            tracing::debug!(
                status = response.status().as_u16(),
                latency = ?started.elapsed(),
                "finished processing request"
            );
        }
    }
}

pin_project_lite::pin_project! {
    /// The answer to one request: the router's, or a `503` once `REQUEST_TIMEOUT`
    /// has passed.
    pub(super) struct Answer {
        #[pin]
        answer: Oneshot<Secured, axum::extract::Request>,
        deadline: Option<Deadline>,
        traced: Traced,
    }
}

/// `REQUEST_TIMEOUT` for one request: when it passes, its timer, and what the `503`
/// needs. The timer is made the first time the answer waits: most answers are
/// ready when first polled and never need one.
struct Deadline {
    at: tokio::time::Instant,
    // Boxed: hyper wants a future it can move (`Unpin`), and a timer cannot move.
    timer: Option<Pin<Box<Sleep>>>,
    limit: Duration,
    headers: Arc<SecurityHeaders>,
}

impl Future for Answer {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let _entered = this.traced.0.as_ref().map(|(span, _)| span.enter());
        let response = match this.answer.poll(cx) {
            Poll::Ready(Ok(response)) => response,
            Poll::Ready(Err(never)) => match never {},
            Poll::Pending => {
                if let Some(deadline) = this.deadline {
                    let at = deadline.at;
                    let timer = deadline
                        .timer
                        .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(at)));
                    ready!(timer.as_mut().poll(cx));
                    return Poll::Ready(Ok(timed_out(&deadline.headers, deadline.limit)));
                }
                return Poll::Pending;
            }
        };
        this.traced.finished(&response);
        Poll::Ready(Ok(response))
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
