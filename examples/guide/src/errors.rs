//! Chapter 5: errors.

// ANCHOR: errors
use framework_core::prelude::*;

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
pub async fn page_not_found(uri: http::Uri) -> (StatusCode, Html<String>) {
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

pub fn app() -> App {
    App::new().register(routes![post, page_not_found, no_such_post])
}
// ANCHOR_END: errors
