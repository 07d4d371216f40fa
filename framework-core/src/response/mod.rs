//! Response helpers: redirects, JSON, files, streaming bodies and server-sent events,
//! with re-exports of axum's response types.
//!
//! | Flask | here |
//! |---|---|
//! | `redirect(url)` | [`redirect`] (302), [`redirect_see_other`] (303, after a POST) |
//! | `jsonify(value)` | [`Json`]`(value)` |
//! | `send_file(path, as_attachment=True, download_name=...)` | [`send_file`]`(path).download_name(...)` |
//! | `send_from_directory(dir, name)` | [`send_from_directory`] |
//! | `Response(generate(), mimetype=...)` | [`StreamBody`] |
//! | (server-sent events) | [`sse::Sse`] |

pub(crate) mod caching;
pub(crate) mod file;
pub mod sse;
mod stream;

pub use axum::Json;
pub use axum::body::Body;
pub use axum::response::{Html, IntoResponse, Redirect, Response};
pub use file::{SendFile, send_file, send_from_directory};
pub use stream::StreamBody;

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
    redirect_with(http::StatusCode::FOUND, to.as_ref())
}

/// A `303 See Other` redirect to `to`: the answer to a form `POST` that worked, so
/// that reloading the next page does not post the form again (the browser follows
/// with a `GET`).
///
/// ```
/// use framework_core::prelude::*;
///
/// #[post("/posts")]
/// async fn create() -> Response {
///     // ... save the post ...
///     redirect_see_other("/posts")
/// }
///
/// let response = redirect_see_other("/posts");
/// assert_eq!(response.status(), StatusCode::SEE_OTHER);
/// assert_eq!(response.headers()["location"], "/posts");
/// # let _ = framework_core::App::new().register(framework_core::routes![create]);
/// ```
pub fn redirect_see_other(to: impl AsRef<str>) -> Response {
    redirect_with(http::StatusCode::SEE_OTHER, to.as_ref())
}

fn redirect_with(status: http::StatusCode, location: &str) -> Response {
    match http::HeaderValue::from_str(location) {
        Ok(value) => (status, [(http::header::LOCATION, value)]).into_response(),
        Err(_) => crate::Error::from_status(http::StatusCode::INTERNAL_SERVER_ERROR)
            .with_message(format!(
                "cannot redirect to {location:?}: not a valid header value"
            ))
            .into_response(),
    }
}
