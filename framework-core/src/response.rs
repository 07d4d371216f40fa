//! Response helpers: redirects, and re-exports of axum's response types.

pub use axum::response::{Html, IntoResponse, Redirect, Response};

/// A `302 Found` redirect to `to`, like Flask's `redirect(url)`.
///
/// ```
/// use framework_core::prelude::*;
///
/// let response = redirect("/auth/login").into_response();
/// assert_eq!(response.status(), StatusCode::FOUND);
/// assert_eq!(response.headers()["location"], "/auth/login");
/// ```
pub fn redirect(to: impl AsRef<str>) -> Response {
    let location = to.as_ref();
    match http::HeaderValue::from_str(location) {
        Ok(value) => (http::StatusCode::FOUND, [(http::header::LOCATION, value)]).into_response(),
        Err(_) => crate::Error::from_status(http::StatusCode::INTERNAL_SERVER_ERROR)
            .with_message(format!(
                "cannot redirect to {location:?}: not a valid header value"
            ))
            .into_response(),
    }
}
