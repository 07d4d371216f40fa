//! Chapter 5: errors.

// ANCHOR: errors
// ANCHOR: uses
use framework_core::error::HttpError;
use framework_core::prelude::*;
// ANCHOR_END: uses

#[derive(Debug, thiserror::Error)]
#[error("post {0} does not exist")]
pub struct NoSuchPost(pub i64);

#[get("/posts/<id>")]
pub async fn post(id: i64) -> Result<String> {
    if id == 0 {
        // Flask's `abort(403)`.
        return Err(abort(StatusCode::FORBIDDEN));
    }
    if id > 100 {
        // Any error type converts with `?` or `.into()`.
        return Err(NoSuchPost(id).into());
    }
    Ok(format!("post {id}"))
}

/// Handles every 404: unknown URLs and `abort(404)` alike.
#[errorhandler(404)]
pub async fn page_not_found(uri: framework_core::http::Uri) -> (StatusCode, Html<String>) {
    (
        StatusCode::NOT_FOUND,
        Html(format!("<h1>Nothing at {}</h1>", uri.path())),
    )
}

/// Handles one error type, and gets the error itself.
#[errorhandler(NoSuchPost)]
pub async fn no_such_post(error: NoSuchPost) -> (StatusCode, String) {
    (StatusCode::NOT_FOUND, error.to_string())
}

/// Every other HTTP error (Flask's `errorhandler(HTTPException)`): 403, 405, …
#[errorhandler(HttpError)]
pub async fn http_error(error: HttpError) -> (StatusCode, String) {
    let reason = error.status().canonical_reason().unwrap_or("Error");
    (
        error.status(),
        format!("{} {reason}", error.status().as_u16()),
    )
}

pub fn app() -> App {
    App::new().register(routes![post, page_not_found, no_such_post, http_error])
}
// ANCHOR_END: errors

// ANCHOR: error_status
/// A timed-out call to another service, as `?` on an `io::Error` gives it, is a 504
/// for the 504 handlers rather than a 500.
pub fn with_statuses(app: App) -> App {
    app.error_status(|error: &std::io::Error| {
        (error.kind() == std::io::ErrorKind::TimedOut).then_some(StatusCode::GATEWAY_TIMEOUT)
    })
}
// ANCHOR_END: error_status
