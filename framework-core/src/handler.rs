//! What handlers, hooks and links must be: the traits the route, hook and `url_for!`
//! macros check arguments, return values and route names against. Their messages
//! say what to write instead; they are implemented for everything that fits (every
//! extractor, every `IntoResponse`), and only this crate implements them.
//!
//! ```compile_fail
//! use framework_core::prelude::*;
//!
//! struct Page;
//!
//! // error: `Page` cannot be returned from a handler
//! #[get("/")]
//! async fn index() -> Page {
//!     Page
//! }
//! ```

use std::future::Future;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use http::request::Parts;

use crate::Url;
use crate::pipeline::Outcome;

mod sealed {
    /// Only this crate (and the code its macros generate) can name it, so only they
    /// implement the traits of this module.
    #[derive(Clone, Copy, Debug)]
    pub struct Token(pub(super) ());
}

#[doc(hidden)]
pub use sealed::Token;

/// The token generated code passes to the methods of these traits.
#[doc(hidden)]
pub const TOKEN: Token = Token(());

/// A route's URL parameters as a struct, so `url_for!` can name them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a route",
    label = "`url_for!` needs a function marked with `#[route]`, `#[get]`, `#[post]`, …",
    note = "name the route by its path, e.g. `url_for!(blog::index)`"
)]
pub trait UrlParams {
    /// One field per path parameter, named and typed like the handler argument
    /// (of the first rule, for a view with several).
    type Fields;
    /// The type whose [`UrlRule`]s `url_for!` picks from: the route itself.
    #[doc(hidden)]
    type Rules: ?Sized;
    /// The parameter names of each rule, in the order the rules are written; a
    /// route whose attribute has a mistake has none.
    #[doc(hidden)]
    const RULES: &'static [&'static [&'static str]];
    /// The URL for these parameter values.
    #[doc(hidden)]
    fn build(fields: Self::Fields, _: Token) -> Url;
}

/// Rule number `RULE` of a route (see [`UrlParams::RULES`]): `url_for!` picks the
/// first whose parameters are exactly the names it is given.
pub trait UrlRule<const RULE: usize> {
    /// One field per parameter of the rule.
    type Fields;
    /// The URL of the rule for these parameter values.
    #[doc(hidden)]
    fn build(fields: Self::Fields, _: Token) -> Url;
}

/// Rule `RULE` of the route `R`, named once in a `url_for!` expansion so the rule is
/// picked (and a wrong name reported) once.
#[doc(hidden)]
pub struct RuleAt<R: ?Sized, const RULE: usize>(std::marker::PhantomData<R>);

/// The fields and URL of a [`RuleAt`].
#[doc(hidden)]
pub trait PickedRule {
    type Fields;
    fn build(fields: Self::Fields, _: Token) -> Url;
}

impl<R: UrlRule<RULE> + ?Sized, const RULE: usize> PickedRule for RuleAt<R, RULE> {
    type Fields = R::Fields;
    fn build(fields: Self::Fields, token: Token) -> Url {
        R::build(fields, token)
    }
}

/// A text default (`defaults = { name = "World" }`) as the argument's type: any type
/// made `From<&'static str>` (`String`, `&str`, `Cow<str>`).
#[diagnostic::on_unimplemented(
    message = "a text default cannot be the value of a `{Self}` argument",
    label = "this default is text, and `{Self}` is not made from text",
    note = "write the default as a value of the argument's type, e.g. `page = 1`"
)]
pub trait TextDefault {
    #[doc(hidden)]
    fn from_text(text: &'static str, _: Token) -> Self;
}

#[diagnostic::do_not_recommend]
impl<T: From<&'static str>> TextDefault for T {
    fn from_text(text: &'static str, _: Token) -> Self {
        T::from(text)
    }
}

/// Runs a handler that is a plain `fn` (its value already turned into an [`Outcome`]
/// by [`Responder::into_outcome`]) on tokio's blocking pool, so a view that blocks (a
/// synchronous database call, password hashing, a
/// file read) holds up no other request. A panic in it is re-raised here, where the
/// pipeline turns it into the app's 500.
#[doc(hidden)]
pub async fn respond_sync<F>(handler: F) -> Outcome
where
    F: FnOnce() -> Outcome + Send + 'static,
{
    // The request's script root goes along, for the URLs the handler builds.
    let mut root = crate::url::current_root();
    let run = move || crate::url::with_root(&mut root, handler);
    match tokio::task::spawn_blocking(run).await {
        Ok(outcome) => outcome,
        Err(error) => match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            // Only when the runtime is shutting down.
            Err(_) => Err(
                crate::Error::from_status(http::StatusCode::SERVICE_UNAVAILABLE)
                    .with_message("The server is shutting down."),
            ),
        },
    }
}

/// What a handler may return: anything that is `IntoResponse`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from a handler",
    label = "this must implement `IntoResponse`",
    note = "handlers return a response: `&'static str`, `String`, `Html<String>`, `Json<T>`, `Response`, `(StatusCode, T)`, `Result<T>` of these, …"
)]
pub trait Responder {
    /// The response, or the error it carries for the error handlers.
    #[doc(hidden)]
    fn into_outcome(self, _: Token) -> Outcome;
}

#[diagnostic::do_not_recommend]
impl<R: IntoResponse> Responder for R {
    fn into_outcome(self, _: Token) -> Outcome {
        crate::pipeline::split(self.into_response())
    }
}

/// A handler argument that is not a path parameter must be an extractor.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be taken as a handler argument",
    label = "not a path parameter, and not an extractor",
    note = "an argument is either a path parameter, named like a `<param>` of the route's path, or an extractor such as `Query<T>`, `HeaderMap`, `Extension<T>` or `G`",
    note = "extractors that read the body (`Json<T>`, `Form<T>`, `String`, `Bytes`) must be the last argument",
    note = "to share a value with handlers (a database pool, settings), take `Extension<T>` and give the app the value with `App::extension(value)`"
)]
pub trait PartsArg: Sized {
    /// Runs the extractor on the request head.
    #[doc(hidden)]
    fn extract(parts: &mut Parts, _: Token) -> impl Future<Output = Result<Self, Response>> + Send;
}

#[diagnostic::do_not_recommend]
impl<T: FromRequestParts<()>> PartsArg for T {
    async fn extract(parts: &mut Parts, _: Token) -> Result<Self, Response> {
        T::from_request_parts(parts, &())
            .await
            .map_err(IntoResponse::into_response)
    }
}

/// The last handler argument may also read the body.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be taken as a handler argument",
    label = "not a path parameter, and not an extractor",
    note = "an argument is either a path parameter, named like a `<param>` of the route's path, or an extractor such as `Query<T>`, `Form<T>`, `Json<T>`, `HeaderMap` or `G`",
    note = "to share a value with handlers (a database pool, settings), take `Extension<T>` and give the app the value with `App::extension(value)`"
)]
pub trait BodyArg<M>: Sized {
    /// Runs the extractor on the whole request.
    #[doc(hidden)]
    fn extract(request: Request, _: Token) -> impl Future<Output = Result<Self, Response>> + Send;
}

/// [`BodyArg`] of an extractor that reads only the request head.
pub enum Head {}

/// [`BodyArg`] of an extractor that reads the body.
pub enum Body {}

impl<T: FromRequestParts<()>> BodyArg<Head> for T {
    async fn extract(request: Request, _: Token) -> Result<Self, Response> {
        let (mut parts, _) = request.into_parts();
        T::from_request_parts(&mut parts, &())
            .await
            .map_err(IntoResponse::into_response)
    }
}

impl<T: FromRequest<()>> BodyArg<Body> for T {
    async fn extract(request: Request, _: Token) -> Result<Self, Response> {
        T::from_request(request, &())
            .await
            .map_err(IntoResponse::into_response)
    }
}

/// Hooks and error handlers run beside the handler and cannot read the body.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be taken by a hook or error handler",
    label = "not an extractor that reads only the request head",
    note = "hooks and error handlers take extractors that do not read the body, such as `HeaderMap`, `Query<T>`, `Extension<T>` or `G`"
)]
pub trait HookArg: Sized {
    /// Runs the extractor on the request head.
    #[doc(hidden)]
    fn extract(parts: &mut Parts, _: Token) -> impl Future<Output = Result<Self, Response>> + Send;
}

#[diagnostic::do_not_recommend]
impl<T: FromRequestParts<()>> HookArg for T {
    fn extract(
        parts: &mut Parts,
        token: Token,
    ) -> impl Future<Output = Result<Self, Response>> + Send {
        <T as PartsArg>::extract(parts, token)
    }
}

/// A path parameter's type: parsed from the path, and written back into URLs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a path parameter",
    label = "path parameters must implement `Deserialize` and `Display`",
    note = "use a type such as `i64`, `u32`, `String` or `Uuid`, or derive `Deserialize` and implement `Display` for your own"
)]
pub trait PathParam {
    #[doc(hidden)]
    fn sealed(_: Token);
}

#[diagnostic::do_not_recommend]
impl<T: serde::de::DeserializeOwned + std::fmt::Display + Send + 'static> PathParam for T {
    fn sealed(_: Token) {}
}

/// Checks at compile time that `T` can be a path parameter.
#[doc(hidden)]
pub fn check_path_param<T: PathParam>() {}
