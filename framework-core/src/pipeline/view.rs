//! How a route's view meets the pipeline without making the pipeline generic.
//!
//! Each route has its own view function, whose future is a type of its own. If the
//! pipeline took that type as a parameter, every route would compile its own copy of
//! the pipeline and of axum's handler plumbing around it. Instead the view sits in a
//! [`Slot`] on the stack of a small per-route future ([`run`]), and the pipeline,
//! compiled once, drives it through `Pin<&mut dyn View>`; axum sees one handler type
//! for every route ([`Endpoint`]).

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::handler::Handler;
use axum::response::Response;

use super::chain::Chain;
use super::dispatch::{Outcome, dispatch};
use crate::error::from_panic;
use crate::hooks::BoxFuture;

/// A route's view as the pipeline drives it: started once with the request, then
/// polled until it gives its outcome.
pub(crate) trait View: Send {
    /// Calls the view with the request; its future is polled by [`View::poll_view`].
    fn start(self: Pin<&mut Self>, request: Request);
    /// Polls the started view.
    fn poll_view(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome>;
}

pin_project_lite::pin_project! {
    /// A view function and, once called, its future.
    pub(crate) struct Slot<V, F> {
        view: Option<V>,
        #[pin]
        running: Option<F>,
    }
}

impl<V, F> View for Slot<V, F>
where
    V: FnOnce(Request) -> F + Send,
    F: Future<Output = Outcome> + Send,
{
    fn start(self: Pin<&mut Self>, request: Request) {
        let mut this = self.project();
        if let Some(view) = this.view.take() {
            this.running.set(Some(view(request)));
        }
    }

    fn poll_view(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        match self.project().running.as_pin_mut() {
            Some(running) => running.poll(cx),
            // The pipeline starts a view before polling it, and polls it once.
            None => Poll::Ready(Err(crate::Error::internal(
                "a view was polled before it started",
            ))),
        }
    }
}

/// Whether the view takes an extractor: only then can it read the app's context from
/// the request or make the request's `G`, so only then does a request without hooks
/// pay for either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extracts {
    /// It does: the context goes in the request, and a `G` it makes is kept.
    Yes,
    /// It does not: the request goes to it as it came.
    No,
}

/// Runs `request` through `chain` around `view`: the only part of a request's path
/// compiled once per view.
///
/// A block, not an `async fn`: an `async fn` keeps its arguments and a copy of them
/// in its future, and this future is moved into its box on every request.
#[allow(clippy::manual_async_fn)]
pub(crate) fn run<V, F>(
    chain: Chain,
    request: Request,
    view: V,
    extracts: Extracts,
) -> impl Future<Output = Response> + Send
where
    V: FnOnce(Request) -> F + Send,
    F: Future<Output = Outcome> + Send,
{
    async move {
        let slot = std::pin::pin!(Slot {
            view: Some(view),
            running: None,
        });
        dispatch(chain, request, slot, extracts).await
    }
}

/// The view started with `request` (a panic in starting it caught), as a future
/// of its outcome.
pub(crate) fn run_view(mut view: Pin<&mut dyn View>, request: Request) -> Viewing<'_> {
    let failed = std::panic::catch_unwind(AssertUnwindSafe(|| view.as_mut().start(request)))
        .err()
        .map(from_panic);
    Viewing { view, failed }
}

/// A started view, polled to its outcome, a panic in it caught.
pub(crate) struct Viewing<'v> {
    view: Pin<&'v mut dyn View>,
    failed: Option<crate::Error>,
}

impl Future for Viewing<'_> {
    type Output = Outcome;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        if let Some(error) = self.failed.take() {
            return Poll::Ready(Err(error));
        }
        let view = self.view.as_mut();
        match std::panic::catch_unwind(AssertUnwindSafe(|| view.poll_view(cx))) {
            Ok(poll) => poll,
            Err(panic) => Poll::Ready(Err(from_panic(panic))),
        }
    }
}

/// What a route's generated code gives the app: the request, through the route's
/// chain and its view, as one boxed future.
pub type Start = fn(Chain, Request) -> BoxFuture<'static, Response>;

/// One route's handler for axum, the same type for every route.
#[derive(Clone)]
pub(crate) struct Endpoint {
    pub(crate) chain: Chain,
    pub(crate) start: Start,
}

impl<S: Send + Sync + 'static> Handler<Endpoint, S> for Endpoint {
    type Future = BoxFuture<'static, Response>;

    fn call(self, request: Request, _state: S) -> Self::Future {
        (self.start)(self.chain, request)
    }
}
