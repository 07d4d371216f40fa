//! Hook order as in Flask: before hooks in registration order, the app's before the
//! blueprint's, a returned response ends the request; after hooks in reverse;
//! teardown always, also after an error or a panic.

use framework_core::prelude::*;

use framework_core::testing::TestClient;

use crate::support::Trace;

#[before_request]
async fn app_before_1(Extension(trace): Extension<Trace>) {
    trace.push("app before 1");
}

#[before_request]
async fn app_before_2(
    Extension(trace): Extension<Trace>,
    query: Query<Params>,
) -> Option<Response> {
    trace.push("app before 2");
    query
        .stop
        .then(|| (StatusCode::FORBIDDEN, "stopped by a hook").into_response())
}

#[derive(Deserialize)]
struct Params {
    #[serde(default)]
    stop: bool,
}

#[after_request]
async fn app_after_1(response: Response, Extension(trace): Extension<Trace>) -> Response {
    trace.push("app after 1");
    response
}

#[after_request]
fn app_after_2(mut response: Response, Extension(trace): Extension<Trace>) -> Response {
    trace.push("app after 2");
    response
        .headers_mut()
        .insert("x-after", http::HeaderValue::from_static("yes"));
    response
}

#[teardown_request]
async fn app_teardown(Extension(trace): Extension<Trace>) {
    trace.push("app teardown");
}

#[get("/plain")]
async fn plain(Extension(trace): Extension<Trace>) -> &'static str {
    trace.push("handler");
    "plain"
}

#[get("/boom")]
async fn boom() -> &'static str {
    panic!("boom")
}

#[blueprint(prefix = "/bp")]
mod bp {
    use framework_core::prelude::*;

    use crate::support::Trace;

    #[before_request]
    async fn bp_before(Extension(trace): Extension<Trace>, g: G) {
        trace.push("bp before");
        g.insert(Who("set by bp before"));
    }

    #[before_app_request]
    async fn bp_app_before(Extension(trace): Extension<Trace>) {
        trace.push("bp app-wide before");
    }

    #[after_request]
    async fn bp_after(response: Response, Extension(trace): Extension<Trace>) -> Response {
        trace.push("bp after");
        response
    }

    #[teardown_request]
    async fn bp_teardown(Extension(trace): Extension<Trace>) {
        trace.push("bp teardown");
    }

    #[derive(Clone)]
    pub struct Who(pub &'static str);

    #[get("/page")]
    async fn page(Extension(trace): Extension<Trace>, g: G) -> String {
        trace.push("handler");
        g.get::<Who>().map(|w| w.0).unwrap_or("nobody").to_owned()
    }

    #[get("/fail")]
    async fn fail(Extension(trace): Extension<Trace>) -> Result<&'static str> {
        trace.push("handler");
        Err(abort(StatusCode::IM_A_TEAPOT))
    }

    #[get("/panic")]
    async fn panics(Extension(trace): Extension<Trace>) -> &'static str {
        trace.push("handler");
        panic!("handler panicked on purpose")
    }
}

fn app(trace: &Trace) -> App {
    App::new()
        .register(routes![
            app_before_1,
            app_before_2,
            app_after_1,
            app_after_2,
            app_teardown,
            plain,
            boom
        ])
        .blueprint(bp::blueprint())
        .extension(trace.clone())
}

#[tokio::test]
async fn app_hooks_run_in_flask_order() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace)).get("/plain").send().await;
    assert_eq!(res.text(), "plain");
    assert_eq!(res.header("x-after"), Some("yes"));
    assert_eq!(
        trace.take(),
        [
            "app before 1",
            "app before 2",
            "bp app-wide before",
            "handler",
            "app after 2",
            "app after 1",
            "app teardown"
        ]
    );
}

#[tokio::test]
async fn blueprint_hooks_run_inside_the_apps() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace)).get("/bp/page").send().await;
    assert_eq!(res.text(), "set by bp before");
    assert_eq!(
        trace.take(),
        [
            "app before 1",
            "app before 2",
            "bp app-wide before",
            "bp before",
            "handler",
            "bp after",
            "app after 2",
            "app after 1",
            "bp teardown",
            "app teardown"
        ]
    );
}

#[tokio::test]
async fn a_hook_that_returns_a_response_ends_the_request() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace))
        .get("/bp/page?stop=true")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(res.text(), "stopped by a hook");
    // Neither later before hooks nor the handler ran; every after and teardown hook
    // of the route's chain did, the blueprint's included (Flask's order).
    assert_eq!(
        trace.take(),
        [
            "app before 1",
            "app before 2",
            "bp after",
            "app after 2",
            "app after 1",
            "bp teardown",
            "app teardown"
        ]
    );
}

#[tokio::test]
async fn teardown_runs_after_an_error() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace)).get("/bp/fail").send().await;
    assert_eq!(res.status(), StatusCode::IM_A_TEAPOT);
    let events = trace.take();
    assert!(
        events.ends_with(&["bp teardown".to_owned(), "app teardown".to_owned()]),
        "{events:?}"
    );
}

#[tokio::test]
async fn teardown_runs_after_a_panic_and_the_client_gets_a_500() {
    let trace = Trace::default();
    let c = TestClient::new(app(&trace));
    let res = c.get("/bp/panic").send().await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        !res.text().contains("on purpose"),
        "panic text must not leak: {}",
        res.text()
    );
    let events = trace.take();
    assert!(events.contains(&"bp after".to_owned()), "{events:?}");
    assert!(
        events.ends_with(&["bp teardown".to_owned(), "app teardown".to_owned()]),
        "{events:?}"
    );

    // The worker survives: the next request is served.
    assert_eq!(c.get("/plain").send().await.text(), "plain");
}

#[tokio::test]
async fn app_before_hooks_run_for_unknown_paths() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace)).get("/missing").send().await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        trace.take(),
        [
            "app before 1",
            "app before 2",
            "bp app-wide before",
            "app after 2",
            "app after 1",
            "app teardown"
        ]
    );
}

#[tokio::test]
async fn a_panic_without_hooks_is_still_a_500() {
    let res = TestClient::new(App::new().register(routes![boom]))
        .get("/boom")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[get("/slow")]
async fn slow(Extension(trace): Extension<Trace>) -> &'static str {
    trace.push("slow handler started");
    tokio::time::sleep(std::time::Duration::from_secs(30)).await;
    "never"
}

#[tokio::test]
async fn teardown_runs_when_the_client_goes_away() {
    use tower::ServiceExt;
    let trace = Trace::default();
    let router = App::new()
        .register(routes![app_teardown, slow])
        .extension(trace.clone())
        .into_router()
        .unwrap();
    let request = http::Request::get("/slow")
        .body(axum::body::Body::empty())
        .unwrap();
    let task = tokio::spawn(router.oneshot(request));
    // Wait until the handler runs, then drop the request as a disconnect would.
    for _ in 0..200 {
        if !trace.0.lock().unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    task.abort();
    let mut events = Vec::new();
    for _ in 0..200 {
        events.extend(trace.take());
        if events.contains(&"app teardown".to_owned()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(events, ["slow handler started", "app teardown"]);
}
