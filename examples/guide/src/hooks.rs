//! Chapter 4: hooks.

// ANCHOR: hooks
use framework_core::prelude::*;

#[derive(Clone)]
pub struct User(pub String);

/// Runs before every request. Returning a response would end the request here.
#[before_request]
pub async fn load_logged_in_user(g: G, headers: HeaderMap) {
    if let Some(name) = headers.get("x-user").and_then(|v| v.to_str().ok()) {
        g.insert(User(name.to_owned()));
    }
}

/// Only users may pass: a hook that answers in the handler's place.
#[before_request]
pub async fn require_user(g: G, uri: framework_core::http::Uri) -> Option<Response> {
    let public = uri.path() == "/";
    (!public && !g.contains::<User>()).then(|| redirect(url_for!(index)))
}

/// Runs after the handler and may change the response (in reverse registration order).
#[after_request]
pub async fn add_header(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert("x-frame-options", HeaderValue::from_static("DENY"));
    response
}

/// Runs last, always: after errors and panics too. `error` is the failure that no
/// error handler took, if there was one (Flask's `teardown_request(exc)`).
#[teardown_request]
pub async fn close_connections(g: G, error: Option<&Error>) {
    if let Some(error) = error {
        eprintln!("request failed: {error}");
    }
    g.remove::<User>();
}

#[get("/")]
pub async fn index() -> &'static str {
    "anyone may see this"
}

#[get("/me")]
pub async fn me(g: G) -> String {
    // Flask's `after_this_request`: for this response only, before the after hooks.
    g.after_this_request(|mut response| {
        response
            .headers_mut()
            .insert("cache-control", HeaderValue::from_static("private"));
        response
    });
    g.get::<User>().map(|u| u.0).unwrap_or_default()
}

pub fn app() -> App {
    App::new().register(routes![
        load_logged_in_user,
        require_user,
        add_header,
        close_connections,
        index,
        me
    ])
}
// ANCHOR_END: hooks
