//! CSRF protection, on by default for unsafe methods, in two layers:
//!
//! 1. the browser's fetch metadata: a request whose `Sec-Fetch-Site` says it came
//!    from another site, or whose `Origin` is not this host, is refused;
//! 2. a token bound to the session (Flask-WTF's way): one token for the whole
//!    session, rotated at login, sent back in a form field `csrf_token` or an
//!    `X-CSRF-Token` header, and compared in constant time.
//!
//! A failed check is a 403 that says why. A request with a bearer token
//! (`Authorization: Bearer …`) is not checked: it is authenticated by its token,
//! never by the session cookie ([`bearer_token`](crate::bearer_token)). Other
//! requests authenticated otherwise (signed webhooks) opt out by path
//! ([`CsrfLayer::exempt`]).

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use framework_core::Error;
use framework_core::middleware::{Middleware, MiddlewareLayer, MiddlewareService};
use http::{Method, Request, StatusCode, header};
use subtle::ConstantTimeEq;
use tower::{Layer, Service};

use crate::session::{Handle, Session};

/// The session key of the token, and the form field and header that carry it back.
const TOKEN_KEY: &str = "_csrf_token";
/// The form field a token comes back in.
pub const CSRF_FIELD: &str = "csrf_token";
/// The header a token comes back in (for JavaScript).
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The largest form body searched for a token (larger bodies must send the header).
const MAX_FORM: usize = 1024 * 1024;

impl Session {
    /// The session's CSRF token, created on first use: put it in every form as a
    /// hidden field named `csrf_token` (or send it as `X-CSRF-Token`).
    pub async fn csrf_token(&self) -> Result<String, Error> {
        if let Some(token) = self.get::<String>(TOKEN_KEY).await? {
            return Ok(token);
        }
        let token = new_token();
        self.insert(TOKEN_KEY, &token).await?;
        Ok(token)
    }

    /// A new token, for a new privilege level (login does this).
    pub async fn rotate_csrf_token(&self) -> Result<(), Error> {
        self.remove::<String>(TOKEN_KEY).await?;
        Ok(())
    }
}

fn new_token() -> String {
    let a = tower_sessions::session::Id::default().0;
    let b = tower_sessions::session::Id::default().0;
    format!("{a:032x}{b:032x}")
}

/// Checks unsafe requests (POST, PUT, PATCH, DELETE) before they reach a handler.
/// Add it inside the [`SessionLayer`](crate::SessionLayer) (that is, before it:
/// `app.layer(CsrfLayer::new()).layer(sessions)`), or use [`crate::install`].
#[derive(Clone, Default)]
pub struct CsrfLayer {
    exempt: Arc<Vec<String>>,
}

impl CsrfLayer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Skips the checks for paths starting with `prefix` (webhooks that sign their
    /// bodies, say; requests with a bearer token skip them anyway).
    pub fn exempt(mut self, prefix: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.exempt).push(prefix.into());
        self
    }
}

impl<S> Layer<S> for CsrfLayer {
    type Service = MiddlewareService<Csrf, S>;

    fn layer(&self, inner: S) -> Self::Service {
        MiddlewareLayer(Csrf {
            exempt: self.exempt.clone(),
        })
        .layer(inner)
    }
}

/// The CSRF middleware: safe methods, exempt paths and requests with a bearer token
/// pass; others are checked.
#[derive(Clone)]
pub struct Csrf {
    exempt: Arc<Vec<String>>,
}

impl Middleware for Csrf {
    async fn call<S>(&self, request: Request<Body>, mut inner: S) -> Response
    where
        S: Service<Request<Body>, Response = Response, Error = Infallible> + Send,
        S::Future: Send,
    {
        let safe = matches!(
            *request.method(),
            Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
        );
        let skip = safe
            || crate::bearer_token(request.headers()).is_some()
            || self
                .exempt
                .iter()
                .any(|prefix| request.uri().path().starts_with(prefix.as_str()));
        let checked = if skip {
            Ok(request)
        } else {
            check(request).await
        };
        match checked {
            Ok(request) => {
                let Ok(response) = inner.call(request).await;
                response
            }
            Err(refusal) => refusal,
        }
    }
}

fn forbidden(reason: &str) -> Response {
    Error::from_status(StatusCode::FORBIDDEN)
        .with_message(format!("CSRF check failed: {reason}"))
        .into_response()
}

/// Runs both checks; gives the request back (body restored) when they pass.
async fn check(request: Request<Body>) -> Result<Request<Body>, Response> {
    check_fetch_metadata(&request).map_err(|reason| forbidden(&reason))?;
    let Some(handle) = request.extensions().get::<Handle>().cloned() else {
        return Err(Error::from_status(StatusCode::INTERNAL_SERVER_ERROR)
            .with_message(
                "CSRF protection needs the session: add `SessionLayer` outside `CsrfLayer`",
            )
            .into_response());
    };
    let session = Session::from_handle(handle);
    let expected = match session.get::<String>(TOKEN_KEY).await {
        Ok(token) => token,
        Err(error) => return Err(error.into_response()),
    };
    let (request, sent) = sent_token(request).await?;
    let Some(expected) = expected else {
        return Err(forbidden(
            "the session has no CSRF token (it expired, or cookies are off); reload the form and try again (an API client sends its token as `Authorization: Bearer …` and needs none)",
        ));
    };
    let Some(sent) = sent else {
        return Err(forbidden(
            "the CSRF token is missing: forms need a hidden `csrf_token` field, scripts an `X-CSRF-Token` header",
        ));
    };
    if bool::from(sent.as_bytes().ct_eq(expected.as_bytes())) {
        Ok(request)
    } else {
        Err(forbidden(
            "the CSRF token is invalid; reload the form and try again",
        ))
    }
}

/// `Sec-Fetch-Site` must say same-origin (or none: typed by the user); failing that,
/// an `Origin` must name this host. Clients that send neither pass to the token check.
fn check_fetch_metadata(request: &Request<Body>) -> Result<(), String> {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return match site {
            "same-origin" | "none" => Ok(()),
            other => Err(format!(
                "the request came from another site (Sec-Fetch-Site: {other})"
            )),
        };
    }
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some("null"), _) => Err("the request has an opaque origin".to_owned()),
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            if origin_host.eq_ignore_ascii_case(host) {
                Ok(())
            } else {
                Err(format!("the request came from {origin}, not from {host}"))
            }
        }
        _ => Ok(()),
    }
}

fn too_large_form() -> Response {
    Error::from_status(StatusCode::PAYLOAD_TOO_LARGE)
        .with_message("The form is too large.")
        .into_response()
}

/// The token from the header, or from the form body (which is read and put back).
async fn sent_token(request: Request<Body>) -> Result<(Request<Body>, Option<String>), Response> {
    if let Some(token) = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
    {
        let token = token.to_owned();
        return Ok((request, Some(token)));
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((request, None));
    }
    let (parts, body) = request.into_parts();
    // A declared length over the limit is refused before waiting for the body.
    if axum::body::HttpBody::size_hint(&body).lower() > MAX_FORM as u64 {
        return Err(too_large_form());
    }
    let bytes = match axum::body::to_bytes(body, MAX_FORM).await {
        Ok(bytes) => bytes,
        Err(error) => {
            let too_large = error
                .into_inner()
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some();
            // Over the limit, or a body that is not valid HTTP (a bad chunk, cut
            // short): both the client's doing.
            if too_large {
                return Err(too_large_form());
            }
            return Err(Error::from_status(StatusCode::BAD_REQUEST)
                .with_message("The request body could not be read.")
                .into_response());
        }
    };
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|fields| {
            fields
                .into_iter()
                .find(|(name, _)| name == CSRF_FIELD)
                .map(|(_, value)| value)
        });
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}
