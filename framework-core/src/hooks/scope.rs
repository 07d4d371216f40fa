//! The layer that runs one scope's hooks and error handlers around its routes.
//!
//! An app gets one around the whole router (app hooks, also for 404s); a blueprint
//! with hooks or error handlers gets one around each of its routes. Nested, they give
//! Flask's order: app `before_request` first, then the blueprint's; `after_request` in
//! reverse, the blueprint's first; `teardown_request` always, last.

use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use http::Request;
use http::request::Parts;
use tower::Service;

use crate::middleware::{Middleware, MiddlewareLayer};

use super::{AfterFn, BeforeFn, ErrorFn, ErrorKey, TeardownFn};
use crate::G;
use crate::error::{ErrorSlot, from_panic};

/// One scope's hooks, in registration order.
#[derive(Default)]
pub(crate) struct ScopeHooks {
    pub(crate) before: Vec<BeforeFn>,
    pub(crate) after: Vec<AfterFn>,
    pub(crate) teardown: Vec<TeardownFn>,
    /// The scope's own error handlers first, then the app's (a blueprint's error is
    /// looked up in the blueprint, then in the app, as Flask does).
    pub(crate) errors: Vec<(ErrorKey, ErrorFn)>,
    /// The app's scope: it runs the teardown hooks that inner scopes queued, after its
    /// own after-request hooks.
    pub(crate) outermost: bool,
}

impl ScopeHooks {
    pub(crate) fn is_empty(&self) -> bool {
        self.before.is_empty()
            && self.after.is_empty()
            && self.teardown.is_empty()
            && self.errors.is_empty()
    }

    fn needs_request_copy(&self) -> bool {
        self.outermost
            || !(self.after.is_empty() && self.teardown.is_empty() && self.errors.is_empty())
    }

    fn find_handler(&self, error: &crate::Error) -> Option<ErrorFn> {
        // Handlers for the error's type first, then for its status (Flask turns an
        // unhandled exception into a 500 and looks again).
        let by_type = self
            .errors
            .iter()
            .find(|(key, _)| matches!(key, ErrorKey::Type { .. }) && key.matches(error));
        let by_status = || {
            self.errors
                .iter()
                .find(|(key, _)| matches!(key, ErrorKey::Status(_)) && key.matches(error))
        };
        by_type.or_else(by_status).map(|(_, f)| *f)
    }
}

/// Runs a [`ScopeHooks`] around the inner service.
pub(crate) type ScopeLayer = MiddlewareLayer<Scope>;

/// A scope's hooks as a middleware.
#[derive(Clone)]
pub(crate) struct Scope(pub(crate) Arc<ScopeHooks>);

impl Scope {
    pub(crate) fn layer(hooks: ScopeHooks) -> ScopeLayer {
        MiddlewareLayer(Scope(Arc::new(hooks)))
    }
}

impl Middleware for Scope {
    fn call<S>(&self, request: Request<Body>, inner: S) -> impl Future<Output = Response> + Send
    where
        S: Service<Request<Body>, Response = Response, Error = Infallible> + Send,
        S::Future: Send,
    {
        run(self.0.clone(), inner, request)
    }
}

async fn run<S>(hooks: Arc<ScopeHooks>, mut inner: S, request: Request<Body>) -> Response
where
    S: Service<Request<Body>, Response = Response, Error = Infallible> + Send,
    S::Future: Send,
{
    let (mut parts, body) = request.into_parts();
    G::of(&mut parts);
    if hooks.outermost {
        parts.extensions.insert(TeardownQueue::default());
    }

    let mut early = None;
    for before in &hooks.before {
        match AssertUnwindSafe(before(&mut parts)).catch_unwind().await {
            Ok(None) => {}
            Ok(Some(response)) => {
                early = Some(response);
                break;
            }
            Err(panic) => {
                early = Some(from_panic(panic).into_response());
                break;
            }
        }
    }

    // After-request hooks, error handlers and teardown hooks read the request too,
    // after the handler has consumed it: they get a copy of its head.
    let mut guard = TeardownGuard {
        hooks: hooks.clone(),
        parts: hooks.needs_request_copy().then(|| copy_head(&parts)),
    };

    let response = match early {
        Some(response) => response,
        None => {
            let call = inner.call(Request::from_parts(parts, body));
            match AssertUnwindSafe(call).catch_unwind().await {
                Ok(Ok(response)) => response,
                Ok(Err(never)) => match never {},
                Err(panic) => from_panic(panic).into_response(),
            }
        }
    };

    let Some(head) = guard.parts.as_mut() else {
        return response;
    };
    let mut response = handle_error(&hooks, response, head).await;
    for after in hooks.after.iter().rev() {
        response = match AssertUnwindSafe(after(response, head)).catch_unwind().await {
            Ok(response) => response,
            Err(panic) => from_panic(panic).default_response(),
        };
    }
    guard.run().await;
    response
}

/// Gives an error response to the first matching error handler of this scope.
async fn handle_error(hooks: &ScopeHooks, mut response: Response, head: &mut Parts) -> Response {
    if hooks.errors.is_empty() {
        return response;
    }
    // This scope's lookup covers the app's handlers too, so the error is settled here.
    let Some(slot) = response.extensions_mut().remove::<ErrorSlot>() else {
        return response;
    };
    let Some(error) = slot.take() else {
        return response;
    };
    match hooks.find_handler(&error) {
        Some(handler) => match AssertUnwindSafe(handler(error, head)).catch_unwind().await {
            Ok(response) => response,
            Err(panic) => from_panic(panic).default_response(),
        },
        None => {
            slot.put_back(error);
            response.extensions_mut().insert(slot);
            response
        }
    }
}

/// A copy of the request head (no body) for hooks that run after the handler.
fn copy_head(parts: &Parts) -> Parts {
    let mut copy = Request::new(());
    *copy.method_mut() = parts.method.clone();
    *copy.uri_mut() = parts.uri.clone();
    *copy.version_mut() = parts.version;
    *copy.headers_mut() = parts.headers.clone();
    *copy.extensions_mut() = parts.extensions.clone();
    copy.into_parts().0
}

/// Runs the teardown hooks, also when the request's future is dropped half-way (the
/// client went away): then they run on a spawned task.
struct TeardownGuard {
    hooks: Arc<ScopeHooks>,
    parts: Option<Parts>,
}

impl TeardownGuard {
    async fn run(&mut self) {
        let Some(mut parts) = self.parts.take() else {
            return;
        };
        if !self.hooks.outermost
            && let Some(queue) = parts.extensions.get::<TeardownQueue>().cloned()
        {
            // An outer (app) scope runs these once its after hooks are done.
            queue.push(self.hooks.clone(), parts);
            return;
        }
        let queued = parts
            .extensions
            .get::<TeardownQueue>()
            .map(TeardownQueue::take)
            .unwrap_or_default();
        for (hooks, mut inner_parts) in queued {
            run_teardown(&hooks, &mut inner_parts).await;
        }
        run_teardown(&self.hooks, &mut parts).await;
    }
}

/// Teardown work of inner (blueprint) scopes, waiting for the app's scope to finish
/// the response: Flask tears down after every after-request hook has run.
#[derive(Clone, Default)]
struct TeardownQueue(Arc<Mutex<Vec<QueuedTeardown>>>);

/// A scope's teardown hooks with the request head they run on.
type QueuedTeardown = (Arc<ScopeHooks>, Parts);

impl TeardownQueue {
    fn push(&self, hooks: Arc<ScopeHooks>, parts: Parts) {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((hooks, parts));
    }

    fn take(&self) -> Vec<QueuedTeardown> {
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}

async fn run_teardown(hooks: &ScopeHooks, parts: &mut Parts) {
    for teardown in hooks.teardown.iter().rev() {
        if let Err(panic) = AssertUnwindSafe(teardown(parts)).catch_unwind().await {
            // Logged by from_panic; the other teardown hooks still run.
            drop(from_panic(panic));
        }
    }
}

impl Drop for TeardownGuard {
    fn drop(&mut self) {
        let Some(mut parts) = self.parts.take() else {
            return;
        };
        // The request was dropped before it finished (the client went away): run what
        // is left on a task of its own, in no guaranteed order between scopes.
        let queued = parts
            .extensions
            .get::<TeardownQueue>()
            .filter(|_| self.hooks.outermost)
            .map(TeardownQueue::take)
            .unwrap_or_default();
        if self.hooks.teardown.is_empty() && queued.is_empty() {
            return;
        }
        let hooks = self.hooks.clone();
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                for (inner, mut inner_parts) in queued {
                    run_teardown(&inner, &mut inner_parts).await;
                }
                run_teardown(&hooks, &mut parts).await;
            });
        }
    }
}
