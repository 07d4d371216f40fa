//! What hook functions may return.

use axum::response::{IntoResponse, Response};

/// A `before_request` hook's return value: nothing to go on with the request, or a
/// response to end it with.
///
/// `()`, `Option<impl IntoResponse>`, and `Result<_, E>` of these (an `Err` ends the
/// request with the error, which error handlers then see).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a valid return type for a `#[before_request]` hook",
    label = "return `()`, `Option<Response>` or `Result<()>` here",
    note = "a before-request hook returns nothing to let the request go on, `Some(response)` to answer in its place, or an `Err` to fail it"
)]
pub trait HookOutcome {
    /// `Some(response)` ends the request with it.
    fn into_outcome(self) -> Option<Response>;
}

// Not offered by the compiler as "`HookOutcome` is implemented for `()`" beside
// the message, which already lists what a hook may return.
#[diagnostic::do_not_recommend]
impl HookOutcome for () {
    fn into_outcome(self) -> Option<Response> {
        None
    }
}

impl<R: IntoResponse> HookOutcome for Option<R> {
    fn into_outcome(self) -> Option<Response> {
        self.map(IntoResponse::into_response)
    }
}

impl<T: HookOutcome, E: IntoResponse> HookOutcome for Result<T, E> {
    fn into_outcome(self) -> Option<Response> {
        match self {
            Ok(t) => t.into_outcome(),
            Err(e) => Some(e.into_response()),
        }
    }
}

/// An `after_request` hook's or error handler's return value: anything that is a
/// response.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a response",
    label = "this must implement `IntoResponse`",
    note = "after-request hooks and error handlers return the response to send, e.g. `Response`, `(StatusCode, String)` or `Result<Response>`"
)]
pub trait AfterOutcome {
    /// The response to send.
    fn into_final(self) -> Response;
}

#[diagnostic::do_not_recommend]
impl<R: IntoResponse> AfterOutcome for R {
    fn into_final(self) -> Response {
        self.into_response()
    }
}
