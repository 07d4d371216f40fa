//! Everything generated code needs, under one path. Not public API: no semver promise.

pub use crate::error::{ERROR_TOKEN, ErrorType};
pub use crate::extract::PathParams;
pub use crate::handler::{
    Body, BodyArg, Head, HookArg, PartsArg, PathParam, PickedRule, Responder, RuleAt, TOKEN,
    TextDefault, Token, UrlParams, UrlRule, check_path_param, respond_sync,
};
pub use crate::hooks::{
    AfterFn, AfterOutcome, BeforeFn, BoxFuture, ErrorFn, ErrorHandlerDef, ErrorKey, HookDef,
    HookKind, HookOutcome, TeardownFn,
};
pub use crate::pipeline::Chain;
pub use crate::pipeline::Outcome;
pub use crate::pipeline::Start;
pub use crate::pipeline::view::Extracts;
pub use crate::ratelimit::{RateLimit, RateLimits};
pub use crate::requires::require;
pub use crate::routing::{Location, RouteDef};
pub use crate::scaffold::{Register, Scaffold};
pub use crate::url::{UrlArg, UrlBuilder};
pub use crate::url_names::{GivenArg, UrlMessage, pick_rule};
pub use crate::{Blueprint, Error, Url};
pub use axum::extract::{FromRequest, FromRequestParts, Request};
pub use axum::response::{IntoResponse, Response};
pub use http::request::Parts;
pub use std::any::TypeId;
pub use std::boxed::Box;
use std::future::Future;
pub use std::option::Option::{self, None, Some};
pub use std::result::Result::{self, Err, Ok};

/// A route's URL in a copy of its blueprint (`#[blueprint(of = …)]`): the original's,
/// with the original's prefix (`old`) replaced by the pieces of the copy's.
pub fn rebase(url: Url, old: &str, new: &str) -> Url {
    url.rebase(old, new)
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

/// The request through `chain` and `view`, as the future a route's generated
/// `Start` function returns; `extracts` says whether the view takes an extractor
/// (only then can it make the request's `G` or read the app's context).
pub fn start<V, F>(
    chain: Chain,
    request: Request,
    view: V,
    extracts: Extracts,
) -> BoxFuture<'static, Response>
where
    V: FnOnce(Request) -> F + Send + 'static,
    F: Future<Output = Outcome> + Send + 'static,
{
    Box::pin(crate::pipeline::run(chain, request, view, extracts))
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
