//! The layer around everything else in an app's router: the request is first
//! rewritten as a trusted proxy says the client sent it, then goes through the
//! app's layers and routes, and whatever answers it (a page, an error page, a
//! redirect, or a response made by a layer: a CSRF refusal, a session store that
//! is down, a body limit of a tower layer) leaves with the security headers.
//! One place for both, so no response can miss them and each costs once per
//! request. With `TRUSTED_PROXIES` set, each poll of the request also runs with the
//! request's script root (`X-Forwarded-Prefix`) set for the URLs it builds; with
//! `APPLICATION_ROOT` set, that root is the script root of every request no trusted
//! proxy gave another.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use tower::{Layer, Service};

use super::{ForwardedPrefix, SecurityHeaders, TrustedProxies};

/// What the layer applies: the app's security headers and trusted proxies.
#[derive(Debug)]
struct Shared {
    headers: SecurityHeaders,
    proxies: Option<TrustedProxies>,
    /// `APPLICATION_ROOT`, if the app is mounted under a path.
    root: Option<Arc<str>>,
}

impl Shared {
    /// Whether requests get a script root set (`proxies` or `root`); without, a
    /// request is only given the headers.
    #[inline]
    fn scoped(&self) -> bool {
        self.proxies.is_some() || self.root.is_some()
    }

    /// Rewrites `request` as a trusted proxy says, and gives its script root: the
    /// proxy's prefix, else the application root, else none. Kept out of line, so
    /// the common request (neither) pays only the test of `scoped`.
    #[inline(never)]
    fn root_of(&self, request: &mut Request) -> Root {
        if let Some(proxies) = &self.proxies {
            proxies.apply(request);
            if let Some(prefix) = request.extensions().get::<ForwardedPrefix>() {
                return Root::Scoped(Some(prefix.0.clone()));
            }
        }
        Root::Scoped(self.root.clone())
    }
}

/// The outermost layer of an app's router (see the module docs).
#[derive(Clone, Debug)]
pub(crate) struct Outermost(Arc<Shared>);

impl Outermost {
    /// The layer for an app's `policy`.
    pub(crate) fn of(policy: &crate::pipeline::Policy) -> Self {
        Outermost(Arc::new(Shared {
            headers: policy.headers.clone(),
            proxies: policy.proxies.clone(),
            root: policy.application_root.clone(),
        }))
    }

    /// Nothing to do on any request: no header to add, no proxy to believe and no
    /// application root. The router then goes without the layer, and without the
    /// cost of its hop.
    pub(crate) fn is_idle(policy: &crate::pipeline::Policy) -> bool {
        policy.headers.is_empty() && policy.proxies.is_none() && policy.application_root.is_none()
    }
}

impl<S> Layer<S> for Outermost {
    type Service = OutermostService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        OutermostService {
            inner,
            shared: self.0.clone(),
        }
    }
}

/// The service [`Outermost`] wraps around the app.
#[derive(Clone, Debug)]
pub(crate) struct OutermostService<S> {
    inner: S,
    shared: Arc<Shared>,
}

impl<S> Service<Request> for OutermostService<S>
where
    S: Service<Request>,
    S::Response: IntoResponse,
    S::Error: Into<Infallible>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Secured<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    #[inline]
    fn call(&mut self, mut request: Request) -> Self::Future {
        let root = if self.shared.scoped() {
            self.shared.root_of(&mut request)
        } else {
            Root::Unscoped
        };
        let https = self.shared.headers.wants_hsts(&request);
        Secured {
            inner: self.inner.call(request),
            shared: self.shared.clone(),
            https,
            root,
        }
    }
}

pin_project_lite::pin_project! {
    /// The inner service's answer, given the security headers it does not have yet.
    pub(crate) struct Secured<F> {
        #[pin]
        inner: F,
        shared: Arc<Shared>,
        https: bool,
        root: Root,
    }
}

/// The script root a request is polled with.
enum Root {
    /// No trusted proxies and no application root: no script root, and nothing
    /// to set.
    Unscoped,
    /// This one (the proxy's prefix, else the application root, else none), set
    /// around each poll so it does not leak into another request's.
    Scoped(Option<Arc<str>>),
}

impl<F, R, E> Future for Secured<F>
where
    F: Future<Output = Result<R, E>>,
    R: IntoResponse,
    E: Into<Infallible>,
{
    type Output = Result<Response, Infallible>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let inner = this.inner;
        let polled = match this.root {
            Root::Unscoped => inner.poll(cx),
            Root::Scoped(root) => crate::url::with_root(root, || inner.poll(cx)),
        };
        let mut response = match ready!(polled).map_err(Into::<Infallible>::into) {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        };
        this.shared.headers.apply(&mut response, *this.https);
        Poll::Ready(Ok(response))
    }
}
