//! The one function every request runs through (see the module docs for the order).

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use http::request::Parts;

use super::chain::{Chain, Hooks, Policy};
use super::lookup;
use super::view::{Extracts, View, Viewing, run_view};
use crate::error::from_panic;
use crate::hooks::{BoxFuture, ErrorFn};
use crate::{Error, G};

/// What a view, hook or handler gives: its response, or the error it raised.
pub type Outcome = Result<Response, Error>;

/// Runs `request` through `chain` around `view`. Not generic: every route's view
/// comes through the same `dyn View`, so this is compiled once.
///
/// The checks before anything runs, and the choice of path, are made here, so the
/// future holds only what its path needs: a request with no hooks (most of them)
/// has a small future, which the route's boxed future carries and moves cheaply;
/// one with hooks gets a boxed future of its own.
pub(crate) fn dispatch<'v>(
    chain: Chain,
    mut request: Request,
    view: Pin<&'v mut dyn View>,
    extracts: Extracts,
) -> Dispatch<'v> {
    let policy = &*chain.0.policy;
    if let Err(error) = admit(policy, &request) {
        return Dispatch::Answered {
            response: Some(error.default_response()),
        };
    }
    let bare = chain.0.is_empty();
    if bare && extracts == Extracts::No {
        let route = Route::of(&request, policy);
        let view = run_view(view, request);
        return Dispatch::Plain { chain, route, view };
    }
    provide(policy, &mut request);
    if bare {
        let route = Route::of(&request, policy);
        let view = crate::g::watch(run_view(view, request));
        return Dispatch::Watched { chain, route, view };
    }
    Dispatch::Hooked {
        future: Box::pin(with_hooks(chain, request, view)),
    }
}

pin_project_lite::pin_project! {
    /// A request's future on the path [`dispatch`] chose for it.
    #[project = Path]
    pub(crate) enum Dispatch<'v> {
        /// Refused before anything ran.
        Answered { response: Option<Response> },
        /// No hook, and a view that takes no extractor, so cannot make a `G`: the
        /// view, an error its page.
        Plain { chain: Chain, route: Route, #[pin] view: Viewing<'v> },
        /// No hook: the view, an error its page, then the functions added by
        /// `G::after_this_request`. No `G` is made for a request that does not use
        /// one: the view's extractors make it, and `g::watch` hands it over.
        Watched { chain: Chain, route: Route, #[pin] view: Watching<'v> },
        /// Flask's whole dispatch (see the module docs).
        Hooked { future: BoxFuture<'v, Response> },
    }
}

/// A started view whose `G` is watched for.
type Watching<'v> = crate::g::Watched<Viewing<'v>>;

impl Future for Dispatch<'_> {
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        match self.project() {
            Path::Answered { response } => match response.take() {
                Some(response) => Poll::Ready(response),
                None => Poll::Ready(
                    Error::internal("a finished request's future was polled again")
                        .default_response(),
                ),
            },
            Path::Plain { chain, route, view } => view
                .poll(cx)
                .map(|outcome| answer(&chain.0.policy, outcome, route)),
            Path::Watched { chain, route, view } => view.poll(cx).map(|(outcome, g)| {
                let response = answer(&chain.0.policy, outcome, route);
                match g {
                    Some(g) => g.run_after_this_request(response),
                    None => response,
                }
            }),
            Path::Hooked { future } => future.as_mut().poll(cx),
        }
    }
}

/// A view's outcome without hooks: its response, or the page of its error.
fn answer(policy: &Policy, outcome: Outcome, route: &Route) -> Response {
    outcome.unwrap_or_else(|error| unhandled_page(policy, error, route))
}

/// A request whose chain has hooks or handlers, after [`admit`] and [`provide`].
///
/// The head goes to the guard before the future is made, and the future is a block
/// rather than an `async fn`, so it holds the request once (it is boxed: its size
/// is what each request with hooks allocates).
#[allow(clippy::manual_async_fn)]
fn with_hooks(
    chain: Chain,
    request: Request,
    view: Pin<&mut dyn View>,
) -> impl Future<Output = Response> + Send + '_ {
    let (mut head, body) = request.into_parts();
    let g = G::of(&mut head);
    // The head stays with the guard for the hooks after the view (the view gets a
    // copy), and the guard runs the teardown hooks even if this future is dropped.
    let mut guard = Teardown {
        chain,
        head,
        done: false,
    };
    async move {
        let Teardown { chain, head, .. } = &mut guard;
        let hooks = &*chain.0;
        // A rate limit over: a 429 for the error handlers, before any hook runs.
        let limited = match &hooks.limit {
            Some(limiter) => limiter.check(head).await.err(),
            None => None,
        };
        let retry_after = limited
            .as_ref()
            .and_then(|e| e.header(&http::header::RETRY_AFTER).cloned());
        let outcome = match limited {
            Some(error) => Err(error),
            None => match before(hooks, head).await {
                Some(outcome) => outcome,
                // The view's `G` is the pipeline's own: the copy shares it.
                None => run_view(view, Request::from_parts(copy_head(head), body)).await,
            },
        };

        let (mut response, unhandled) = match full_dispatch(hooks, &g, outcome, head).await {
            Ok(response) => (response, None),
            Err(error) => {
                tracing::error!(
                    method = %head.method,
                    path = head.uri.path(),
                    error = %error,
                    "request failed"
                );
                let summary = error.summary();
                let mut response = handle_failure(hooks, &g, error, head).await;
                if hooks.policy.testing {
                    let what = format!("{} {}: {summary}", head.method, head.uri.path());
                    response.extensions_mut().insert(Propagated(what.into()));
                }
                (response, Some(summary))
            }
        };
        guard.run(unhandled.as_ref()).await;
        if let Some(retry_after) = retry_after {
            keep_retry_after(&mut response, retry_after);
        }
        response
    }
}

/// An `#[errorhandler(429)]` page for a rate limit still says when to come back.
#[cold]
fn keep_retry_after(response: &mut Response, retry_after: http::HeaderValue) {
    if response.status() == http::StatusCode::TOO_MANY_REQUESTS {
        response
            .headers_mut()
            .entry(http::header::RETRY_AFTER)
            .or_insert(retry_after);
    }
}

/// Step 0, before anything runs: the URI's length and the host (of the request as
/// a trusted proxy said the client sent it: the app's outermost layer rewrote it).
/// `Err` is the refusal, answered with the error's default page.
#[inline]
fn admit(policy: &Policy, request: &Request) -> Result<(), Error> {
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if target > policy.max_uri_length {
        return Err(uri_too_long(policy.max_uri_length));
    }
    if let Some(trusted) = &policy.trusted_hosts
        && !trusted.allows_request(request)
    {
        return Err(Error::from_status(http::StatusCode::BAD_REQUEST)
            .with_message("The request names a host this server does not answer to."));
    }
    Ok(())
}

/// Puts what handlers may ask of the app (its `Config`, the cookie key) in the
/// request, once the app is configured. Not for a view without extractors
/// ([`plain`]), which could not read it.
#[inline]
fn provide(policy: &Policy, request: &mut Request) {
    if let Some(context) = &policy.context {
        request.extensions_mut().insert(context.clone());
    }
}

#[cold]
fn uri_too_long(limit: usize) -> Error {
    Error::from_status(http::StatusCode::URI_TOO_LONG).with_message(format!(
        "The address is longer than the {limit} bytes this server accepts."
    ))
}

/// Flask's `full_dispatch_request` after the before hooks: the error handlers for an
/// error, then the after hooks. `Err` is a failure for the 500 handlers.
async fn full_dispatch(hooks: &Hooks, g: &G, outcome: Outcome, head: &mut Parts) -> Outcome {
    let response = match outcome.map_err(|error| with_status(hooks, error)) {
        Ok(response) => response,
        Err(error) => match lookup::for_raised(&hooks.handlers, &error) {
            Some(handler) => call_handler(handler, error, head).await?,
            None if error.is_http() => unhandled_response(&hooks.policy, &error, head),
            None => return Err(error),
        },
    };
    finalize(hooks, g, response, head).await
}

/// A failure of a type the app gave a status (`App::error_status`) becomes an HTTP
/// error of that status.
fn with_status(hooks: &Hooks, error: Error) -> Error {
    if error.is_http() {
        return error;
    }
    match hooks
        .policy
        .error_statuses
        .iter()
        .find_map(|map| map(&error))
    {
        Some(status) => error.with_status(status),
        None => error,
    }
}

/// Flask's `handle_exception`: a failure as a 500 for the 500 handlers, then the after
/// hooks once more, whose errors are only logged now.
async fn handle_failure(hooks: &Hooks, g: &G, error: Error, head: &mut Parts) -> Response {
    let error = error.into_internal();
    let response = match lookup::for_internal(&hooks.handlers) {
        Some(handler) => match call_handler(handler, error, head).await {
            Ok(response) => response,
            Err(again) => {
                tracing::error!(error = %again, "the 500 error handler failed too");
                unhandled_response(&hooks.policy, &again.into_internal(), head)
            }
        },
        None => unhandled_response(&hooks.policy, &error, head),
    };
    let mut response = g.run_after_this_request(response);
    for after in &hooks.after {
        response = match split(catch(after(response, head)).await) {
            Ok(response) => response,
            Err(error) => {
                tracing::error!(error = %error, "an after_request hook failed while handling an error");
                error.into_internal().default_response()
            }
        };
    }
    response
}

/// The before hooks in order; the first answer or error ends them.
async fn before(hooks: &Hooks, head: &mut Parts) -> Option<Outcome> {
    for before in &hooks.before {
        match AssertUnwindSafe(before(head)).catch_unwind().await {
            Ok(None) => {}
            Ok(Some(response)) => return Some(split(response)),
            Err(panic) => return Some(Err(from_panic(panic))),
        }
    }
    None
}

/// Functions added by `G::after_this_request`, then the after hooks; the first error
/// stops them.
async fn finalize(hooks: &Hooks, g: &G, response: Response, head: &mut Parts) -> Outcome {
    let mut response = g.run_after_this_request(response);
    for after in &hooks.after {
        response = split(catch(after(response, head)).await)?;
    }
    Ok(response)
}

async fn call_handler(handler: ErrorFn, error: Error, head: &mut Parts) -> Outcome {
    split(catch(handler(error, head)).await)
}

/// A hook's or handler's future, a panic in it turned into an error response.
async fn catch(future: impl Future<Output = Response>) -> Response {
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(response) => response,
        Err(panic) => from_panic(panic).into_response(),
    }
}

/// A response, or the error it carries.
#[inline]
pub(crate) fn split(mut response: Response) -> Outcome {
    match Error::take_from(&mut response) {
        Some(error) => Err(error),
        None => Ok(response),
    }
}

/// With `TESTING` on, the failure a response answers for, for the test client to
/// raise (Flask propagates such exceptions into the test).
#[derive(Clone, Debug)]
pub(crate) struct Propagated(pub(crate) std::sync::Arc<str>);

/// An error in an app without error handlers: its page, a failure logged and
/// answered 500.
#[cold]
fn unhandled_page(policy: &Policy, error: Error, route: &Route) -> Response {
    let error = if error.is_http() {
        error
    } else {
        tracing::error!(
            method = %route.method,
            path = route.uri.path(),
            error = %error,
            "request failed"
        );
        error.into_internal()
    };
    match &policy.debug {
        Some(routes) if shows_debug_page(&error) => {
            let request = crate::error::debug_page::Request {
                method: &route.method,
                uri: &route.uri,
                matched: route.matched.as_ref().map(|m| m.as_str()),
            };
            debug_response(&error, &request, routes)
        }
        _ => error.default_response(),
    }
}

/// The page of an error no handler took: its default page, or in development
/// (`DEBUG`) the debug page for a 500.
#[cold]
fn unhandled_response(policy: &Policy, error: &Error, head: &Parts) -> Response {
    match &policy.debug {
        Some(routes) if shows_debug_page(error) => {
            let request = crate::error::debug_page::Request {
                method: &head.method,
                uri: &head.uri,
                matched: head
                    .extensions
                    .get::<axum::extract::MatchedPath>()
                    .map(|m| m.as_str()),
            };
            debug_response(error, &request, routes)
        }
        _ => error.default_response(),
    }
}

/// A 500 with the default body (not one the error brings, such as a JSON problem).
fn shows_debug_page(error: &Error) -> bool {
    error.status() == http::StatusCode::INTERNAL_SERVER_ERROR && !error.has_body()
}

fn debug_response(
    error: &Error,
    request: &crate::error::debug_page::Request<'_>,
    routes: &crate::error::debug_page::DebugRoutes,
) -> Response {
    let page = crate::error::debug_page::html(error, request, routes);
    (
        error.status(),
        [(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static(crate::error::page::HTML),
        )],
        page,
    )
        .into_response()
}

/// The method and URI of a request whose view takes it, kept for the log line of a
/// failure (cheap: the URI's bytes are shared, not copied), and with `DEBUG` the
/// route's pattern for the debug page.
pub(crate) struct Route {
    method: http::Method,
    uri: http::Uri,
    matched: Option<axum::extract::MatchedPath>,
}

impl Route {
    #[inline]
    fn of(request: &Request, policy: &Policy) -> Route {
        Route {
            method: request.method().clone(),
            uri: request.uri().clone(),
            matched: match policy.debug {
                Some(_) => request
                    .extensions()
                    .get::<axum::extract::MatchedPath>()
                    .cloned(),
                None => None,
            },
        }
    }
}

/// A copy of the request head (no body) for the view; the original stays for the
/// hooks that run after it.
fn copy_head(parts: &Parts) -> Parts {
    let mut copy = Request::new(());
    *copy.method_mut() = parts.method.clone();
    *copy.uri_mut() = parts.uri.clone();
    *copy.version_mut() = parts.version;
    *copy.headers_mut() = parts.headers.clone();
    *copy.extensions_mut() = parts.extensions.clone();
    copy.into_parts().0
}

fn empty_head() -> Parts {
    Request::new(()).into_parts().0
}

/// Runs the teardown hooks: at the end of the request, or, if the request's future is
/// dropped before that (the client went away), on a task of their own.
struct Teardown {
    chain: Chain,
    head: Parts,
    done: bool,
}

impl Teardown {
    async fn run(&mut self, error: Option<&Error>) {
        self.done = true;
        teardown(&self.chain.0, &mut self.head, error).await;
    }
}

async fn teardown(hooks: &Hooks, head: &mut Parts, error: Option<&Error>) {
    for teardown in &hooks.teardown {
        if let Err(panic) = AssertUnwindSafe(teardown(head, error)).catch_unwind().await {
            // Logged by from_panic; the other teardown hooks still run.
            drop(from_panic(panic));
        }
    }
}

impl Drop for Teardown {
    fn drop(&mut self) {
        if self.done || self.chain.0.teardown.is_empty() {
            return;
        }
        let mut head = std::mem::replace(&mut self.head, empty_head());
        let chain = self.chain.clone();
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { teardown(&chain.0, &mut head, None).await });
        }
    }
}
