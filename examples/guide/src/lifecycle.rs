//! Chapter "The request lifecycle": one request through hooks, `G`, the view, an
//! error handler and teardown, each step writing itself into a log so that the
//! tests can check the order.

// ANCHOR: lifecycle
use std::sync::{Arc, Mutex};

use framework_core::prelude::*;

/// What happened, in order: shared with every hook through `App::extension`.
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, step: impl Into<String>) {
        if let Ok(mut steps) = self.0.lock() {
            steps.push(step.into());
        }
    }

    pub fn take(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|mut steps| std::mem::take(&mut *steps))
            .unwrap_or_default()
    }
}

/// Who asks, found once per request and kept in `G` (Flask's `g.user`).
#[derive(Clone)]
pub struct Visitor(pub String);

#[before_request]
pub async fn find_visitor(g: G, headers: HeaderMap, Extension(log): Extension<Log>) {
    let name = headers
        .get("x-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("guest");
    log.push(format!("before: {name}"));
    g.insert(Visitor(name.to_owned()));
}

#[get("/hello")]
pub async fn hello(g: G, Extension(log): Extension<Log>) -> Result<String> {
    let visitor = g.get::<Visitor>().map(|v| v.0).unwrap_or_default();
    if visitor == "mallory" {
        log.push("view: abort(403)");
        // Flask's `abort(403)`: the rest of the view does not run.
        return Err(abort(StatusCode::FORBIDDEN));
    }
    log.push("view");
    Ok(format!("Hello, {visitor}!"))
}

#[errorhandler(403)]
pub async fn forbidden(Extension(log): Extension<Log>) -> (StatusCode, &'static str) {
    log.push("error handler: 403");
    (StatusCode::FORBIDDEN, "not you")
}

#[after_request]
pub async fn stamp(mut response: Response, Extension(log): Extension<Log>) -> Response {
    log.push(format!("after: {}", response.status().as_u16()));
    response
        .headers_mut()
        .insert("x-served-by", HeaderValue::from_static("guide"));
    response
}

#[teardown_request]
pub async fn finish(g: G, error: Option<&Error>, Extension(log): Extension<Log>) {
    let visitor = g.get::<Visitor>().map(|v| v.0).unwrap_or_default();
    log.push(format!("teardown: {visitor}, error: {}", error.is_some()));
}

pub fn app(log: Log) -> App {
    App::new()
        .register(routes![find_visitor, hello, forbidden, stamp, finish])
        .extension(log)
}
// ANCHOR_END: lifecycle

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use framework_core::prelude::*;
    use framework_core::testing::TestClient;

    use super::{Log, app};

    #[tokio::test]
    async fn a_request_runs_through_every_step_in_order() {
        let log = Log::default();
        let client = TestClient::new(app(log.clone()));
        let hello = client.get("/hello").header("x-name", "ferris").await;
        assert_eq!(hello.text(), "Hello, ferris!");
        assert_eq!(hello.header("x-served-by"), Some("guide"));
        assert_eq!(
            log.take(),
            [
                "before: ferris",
                "view",
                "after: 200",
                "teardown: ferris, error: false"
            ]
        );
    }

    #[tokio::test]
    async fn an_abort_goes_to_the_error_handler_and_the_after_hooks_still_run() {
        let log = Log::default();
        let client = TestClient::new(app(log.clone()));
        let refused = client.get("/hello").header("x-name", "mallory").await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(refused.text(), "not you");
        assert_eq!(refused.header("x-served-by"), Some("guide"));
        assert_eq!(
            log.take(),
            [
                "before: mallory",
                "view: abort(403)",
                "error handler: 403",
                "after: 403",
                "teardown: mallory, error: false"
            ]
        );
    }

    #[tokio::test]
    async fn an_unknown_path_runs_the_app_hooks_too() {
        let log = Log::default();
        let client = TestClient::new(app(log.clone()));
        assert_eq!(client.get("/nowhere").await.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            log.take(),
            [
                "before: guest",
                "after: 404",
                "teardown: guest, error: false"
            ]
        );
    }
}
// ANCHOR_END: tests
