//! The signed and private jars as extractors that find the app's key themselves.

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use axum_extra::extract::cookie::{Key, PrivateCookieJar, SignedCookieJar};
use http::request::Parts;

use crate::Error;
use crate::app::AppContext;

/// The request's signed cookies, with the key derived from `SECRET_KEY` (Flask
/// signs its session cookie the same way; these are any cookies of the app's own).
/// A cookie whose signature does not verify — changed by the client, signed with
/// another key — is left out. Add cookies to the jar and return it to send them.
///
/// Needs the app's configuration ([`App::configure`](crate::App::configure), which
/// the command line's `run` calls); in production without a `SECRET_KEY` of at
/// least 32 characters, taking it is a failure (a 500, logged) that names the
/// setting.
///
/// ```
/// use framework_core::cookies::{Cookie, SignedCookies};
/// use framework_core::prelude::*;
///
/// #[post("/theme/<name>")]
/// async fn theme(name: String, SignedCookies(jar): SignedCookies) -> impl IntoResponse {
///     (jar.add(Cookie::new("theme", name)), "saved")
/// }
///
/// let app = App::new().register(routes![theme]);
/// # let _ = app;
/// ```
#[derive(Clone, Debug)]
pub struct SignedCookies(pub SignedCookieJar);

/// The request's private cookies: encrypted and authenticated with the key derived
/// from `SECRET_KEY`, so the client can neither read nor change them. One that does
/// not decrypt is left out. Otherwise like [`SignedCookies`].
///
/// ```
/// use framework_core::cookies::PrivateCookies;
/// use framework_core::prelude::*;
///
/// #[get("/token")]
/// async fn token(PrivateCookies(jar): PrivateCookies) -> String {
///     jar.get("token").map(|c| c.value().to_owned()).unwrap_or_default()
/// }
///
/// let app = App::new().register(routes![token]);
/// # let _ = app;
/// ```
#[derive(Clone, Debug)]
pub struct PrivateCookies(pub PrivateCookieJar);

/// The app's cookie key, or the error saying why there is none.
fn key(parts: &Parts) -> Result<Key, Error> {
    let problem = match parts.extensions.get::<AppContext>() {
        Some(context) => match context.cookie_key() {
            Ok(key) => return Ok(key.clone()),
            Err(problem) => problem.as_str(),
        },
        None => {
            "the app's configuration is unknown to its handlers: call App::configure(&config) (the command line's `run` does)"
        }
    };
    Err(Error::internal(format!(
        "signed or private cookies cannot be used: {problem}"
    )))
}

impl<S: Send + Sync> FromRequestParts<S> for SignedCookies {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(SignedCookies(SignedCookieJar::from_headers(
            &parts.headers,
            key(parts)?,
        )))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PrivateCookies {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(PrivateCookies(PrivateCookieJar::from_headers(
            &parts.headers,
            key(parts)?,
        )))
    }
}

impl IntoResponseParts for SignedCookies {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, parts: ResponseParts) -> Result<ResponseParts, Self::Error> {
        self.0.into_response_parts(parts)
    }
}

impl IntoResponse for SignedCookies {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}

impl IntoResponseParts for PrivateCookies {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, parts: ResponseParts) -> Result<ResponseParts, Self::Error> {
        self.0.into_response_parts(parts)
    }
}

impl IntoResponse for PrivateCookies {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}
