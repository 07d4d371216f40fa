//! Everything generated code needs, under one path. Not public API: no semver promise.

pub use crate::error::{ErrorType, error_argument};
pub use crate::extract::PathParams;
pub use crate::hooks::{
    AfterFn, AfterOutcome, BeforeFn, BoxFuture, ErrorFn, ErrorHandlerDef, ErrorKey, HookDef,
    HookKind, HookOutcome, TeardownFn,
};
pub use crate::pipeline::Chain;
pub use crate::pipeline::Outcome;
pub use crate::routing::{Location, RouteDef};
pub use crate::scaffold::{Register, Scaffold};
pub use crate::url::{UrlArg, UrlBuilder};
pub use crate::{Blueprint, Error, Url};
pub use axum::extract::{FromRequest, FromRequestParts, Request};
pub use axum::response::{IntoResponse, Response};
pub use axum::routing::MethodRouter;
pub use http::request::Parts;
pub use std::any::TypeId;
pub use std::boxed::Box;
use std::future::Future;
pub use std::option::Option::{self, None, Some};
pub use std::result::Result::{self, Err, Ok};

use axum::handler::Handler;
use axum::routing::MethodFilter;

/// A route's URL parameters as a struct, so `url_for!` can name them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a route",
    label = "`url_for!` needs a function marked with `#[route]`, `#[get]`, `#[post]`, …",
    note = "name the route by its path, e.g. `url_for!(blog::index)`"
)]
pub trait UrlParams {
    /// One field per path parameter, named and typed like the handler argument.
    type Fields;
    /// The URL for these parameter values.
    fn build(fields: Self::Fields) -> Url;
}

/// What `routes![a, b]` builds: several items registered as one.
#[derive(Default)]
pub struct Items(Scaffold);

impl Items {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, item: impl Register) -> Self {
        item.register(&mut self.0);
        self
    }
}

impl Register for Items {
    fn register(self, scaffold: &mut Scaffold) {
        scaffold.routes.extend(self.0.routes);
        scaffold.hooks.extend(self.0.hooks);
        scaffold.error_handlers.extend(self.0.error_handlers);
    }
}

/// A route's view for `methods`, run through the pipeline with its scope chain.
/// `extracts` says whether the view takes any extractor (only an extractor can make
/// the request's `G`).
pub fn route<V, F>(methods: &[&str], chain: Chain, extracts: bool, view: V) -> MethodRouter<()>
where
    V: FnOnce(Request) -> F + Copy + Send + Sync + 'static,
    F: Future<Output = Outcome> + Send + 'static,
{
    // Without hooks or handlers the view runs directly: a smaller future, no clone.
    match (chain.is_empty(), extracts) {
        (true, true) => on_methods(methods, move |request: Request| {
            crate::pipeline::direct(request, view)
        }),
        (true, false) => on_methods(methods, move |request: Request| {
            crate::pipeline::direct_plain(request, view)
        }),
        (false, _) => on_methods(methods, move |request: Request| {
            crate::pipeline::dispatch(chain.clone(), request, view)
        }),
    }
}

/// What an extractor's rejection is for the pipeline: an error for the error handlers
/// (the one it carries, or one made from its status and text, a `422` from axum's
/// `Form`/`Json` counting as the `400` Flask gives malformed input), or, for a
/// rejection that is not an error (a redirect to the login page), the response.
pub async fn rejected(response: Response) -> Outcome {
    let mut response = match crate::pipeline::split(response) {
        Ok(response) => response,
        Err(error) => return Err(error),
    };
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(response);
    }
    let status = if status == http::StatusCode::UNPROCESSABLE_ENTITY {
        http::StatusCode::BAD_REQUEST
    } else {
        status
    };
    let headers = std::mem::take(response.headers_mut());
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let plain = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    let mut error = Error::from_status(status);
    if plain {
        let text = String::from_utf8_lossy(&body);
        let text = text.trim();
        if !text.is_empty() {
            error = error.with_message(text);
        }
    } else if let Some(content_type) = headers.get(http::header::CONTENT_TYPE) {
        error = error.with_body(content_type.clone(), body);
    }
    for (name, value) in &headers {
        if name != http::header::CONTENT_TYPE && name != http::header::CONTENT_LENGTH {
            error = error.with_header(name.clone(), value.clone());
        }
    }
    Err(error)
}

/// [`rejected`] for hooks, which answer with a response (an error carried in it).
pub async fn rejected_response(response: Response) -> Response {
    match rejected(response).await {
        Ok(response) => response,
        Err(error) => IntoResponse::into_response(error),
    }
}

/// The handler for `methods`, as an axum method router.
pub fn on_methods<H, T>(methods: &[&str], handler: H) -> MethodRouter<()>
where
    H: Handler<T, ()>,
    T: 'static,
{
    let mut filter: Option<MethodFilter> = None;
    for method in methods {
        let this = match *method {
            "GET" => MethodFilter::GET,
            "HEAD" => MethodFilter::HEAD,
            "POST" => MethodFilter::POST,
            "PUT" => MethodFilter::PUT,
            "PATCH" => MethodFilter::PATCH,
            "DELETE" => MethodFilter::DELETE,
            "OPTIONS" => MethodFilter::OPTIONS,
            "TRACE" => MethodFilter::TRACE,
            "CONNECT" => MethodFilter::CONNECT,
            // The macros accept only the names above.
            _ => continue,
        };
        filter = Some(match filter {
            Some(f) => f.or(this),
            None => this,
        });
    }
    match filter {
        Some(filter) => axum::routing::on(filter, handler),
        None => MethodRouter::new(),
    }
}

/// Converts a URL argument to its parameter's type (see [`UrlArg`]).
pub fn url_arg<T, A: UrlArg<T>>(value: A) -> T {
    value.into_url_arg()
}

/// Runs an async handler's future: its value as a response or the error it returned
/// (the pipeline catches a panic).
pub fn respond_async<F, R>(future: F) -> impl Future<Output = Outcome>
where
    F: Future<Output = R>,
    R: Responder,
{
    use futures_util::FutureExt;
    future.map(Responder::into_outcome)
}

/// [`respond_async`] for a handler that is a plain `fn`.
pub fn respond_sync<F, R>(handler: F) -> impl Future<Output = Outcome>
where
    F: FnOnce() -> R,
    R: Responder,
{
    std::future::ready(handler().into_outcome())
}

/// What a handler may return: anything that is `IntoResponse`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from a handler",
    label = "this must implement `IntoResponse`",
    note = "handlers return a response: `&'static str`, `String`, `Html<String>`, `Json<T>`, `Response`, `(StatusCode, T)`, `Result<T>` of these, …"
)]
pub trait Responder {
    /// The response, or the error it carries for the error handlers.
    fn into_outcome(self) -> Outcome;
}

#[diagnostic::do_not_recommend]
impl<R: IntoResponse> Responder for R {
    fn into_outcome(self) -> Outcome {
        crate::pipeline::split(self.into_response())
    }
}

/// A handler argument that is not a path parameter must be an extractor.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be taken as a handler argument",
    label = "not a path parameter, and not an extractor",
    note = "an argument is either a path parameter, named like a `<param>` of the route's path, or an extractor such as `Query<T>`, `HeaderMap`, `Extension<T>` or `G`",
    note = "extractors that read the body (`Json<T>`, `Form<T>`, `String`, `Bytes`) must be the last argument"
)]
pub trait PartsArg: Sized {
    /// Runs the extractor on the request head.
    fn extract(parts: &mut Parts) -> impl Future<Output = Result<Self, Response>> + Send;
}

#[diagnostic::do_not_recommend]
impl<T: FromRequestParts<()>> PartsArg for T {
    async fn extract(parts: &mut Parts) -> Result<Self, Response> {
        T::from_request_parts(parts, &())
            .await
            .map_err(IntoResponse::into_response)
    }
}

/// The last handler argument may also read the body.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be taken as a handler argument",
    label = "not a path parameter, and not an extractor",
    note = "an argument is either a path parameter, named like a `<param>` of the route's path, or an extractor such as `Query<T>`, `Form<T>`, `Json<T>`, `HeaderMap` or `G`"
)]
pub trait BodyArg<M>: Sized {
    /// Runs the extractor on the whole request.
    fn extract(request: Request) -> impl Future<Output = Result<Self, Response>> + Send;
}

#[diagnostic::do_not_recommend]
impl<M, T: FromRequest<(), M>> BodyArg<M> for T {
    async fn extract(request: Request) -> Result<Self, Response> {
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
    fn extract(parts: &mut Parts) -> impl Future<Output = Result<Self, Response>> + Send;
}

#[diagnostic::do_not_recommend]
impl<T: FromRequestParts<()>> HookArg for T {
    fn extract(parts: &mut Parts) -> impl Future<Output = Result<Self, Response>> + Send {
        <T as PartsArg>::extract(parts)
    }
}

/// A path parameter's type: parsed from the path, and written back into URLs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a path parameter",
    label = "path parameters must implement `Deserialize` and `Display`",
    note = "use a type such as `i64`, `u32`, `String` or `Uuid`, or derive `Deserialize` and implement `Display` for your own"
)]
pub trait PathParam {}
#[diagnostic::do_not_recommend]
impl<T: serde::de::DeserializeOwned + std::fmt::Display + Send + 'static> PathParam for T {}

pub fn check_path_param<T: PathParam>() {}
