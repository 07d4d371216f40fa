//! The request pipeline at its edges, where Flask's semantics are easy to get wrong:
//! short-circuits, automatic answers, errors raised by hooks and handlers, limits,
//! paths, and what the default pages and plain strings look like.

use framework_core::prelude::*;

use framework_core::testing::TestClient;

use crate::support::Trace;

#[derive(Deserialize)]
struct Flags {
    #[serde(default)]
    stop: bool,
    #[serde(default)]
    abort: bool,
    #[serde(default)]
    fail_before: bool,
    #[serde(default)]
    fail_after: bool,
}

#[before_request]
async fn app_before(
    Extension(trace): Extension<Trace>,
    Query(flags): Query<Flags>,
) -> Result<Option<Response>> {
    trace.push("app before");
    if flags.fail_before {
        return Err(std::io::Error::other("before hook failed").into());
    }
    if flags.abort {
        return Err(abort(StatusCode::NOT_FOUND));
    }
    Ok(flags.stop.then(|| "stopped by the app".into_response()))
}

#[after_request]
async fn app_after(
    response: Response,
    Extension(trace): Extension<Trace>,
    Query(flags): Query<Flags>,
) -> Result<Response> {
    trace.push(format!("app after {}", response.status().as_u16()));
    if flags.fail_after {
        return Err(std::io::Error::other("after hook failed").into());
    }
    Ok(response)
}

#[teardown_request]
async fn app_teardown(Extension(trace): Extension<Trace>, error: Option<&Error>) {
    trace.push(match error {
        Some(error) => format!("app teardown: {error}"),
        None => "app teardown".to_owned(),
    });
}

#[errorhandler(500)]
async fn app_500(error: Error) -> (StatusCode, String) {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("app 500: {error}"),
    )
}

#[errorhandler(404)]
async fn app_404() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "app 404")
}

#[errorhandler(413)]
async fn app_413() -> (StatusCode, &'static str) {
    (StatusCode::PAYLOAD_TOO_LARGE, "app 413: that is too much")
}

#[errorhandler(418)]
async fn failing_handler() -> Result<&'static str> {
    Err(std::io::Error::other("the 418 handler failed").into())
}

#[get("/teapot")]
async fn teapot() -> Result<&'static str> {
    Err(abort(StatusCode::IM_A_TEAPOT))
}

#[get("/user/")]
async fn user() -> &'static str {
    "user"
}

#[get("/киртест")]
async fn cyrillic() -> &'static str {
    "кириллица"
}

#[get("/text")]
async fn text() -> String {
    "<b>a String</b>".to_owned()
}

#[get("/static-text")]
async fn static_text() -> &'static str {
    "<b>a str</b>"
}

#[get("/html")]
async fn html() -> Html<&'static str> {
    Html("<b>HTML</b>")
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Entry {
    title: String,
}

#[post("/entry")]
async fn entry(Form(entry): Form<Entry>) -> String {
    entry.title
}

#[post("/upload")]
async fn upload(body: axum::body::Bytes) -> String {
    format!("{} bytes", body.len())
}

#[blueprint(prefix = "/bp")]
mod bp {
    use framework_core::prelude::*;

    use crate::support::Trace;

    #[before_request]
    async fn bp_before(Extension(trace): Extension<Trace>) {
        trace.push("bp before");
    }

    #[after_request]
    async fn bp_after(response: Response, Extension(trace): Extension<Trace>) -> Response {
        trace.push(format!("bp after {}", response.status().as_u16()));
        response
    }

    #[teardown_request]
    async fn bp_teardown(Extension(trace): Extension<Trace>) {
        trace.push("bp teardown");
    }

    #[errorhandler(404)]
    async fn bp_404() -> (StatusCode, &'static str) {
        (StatusCode::NOT_FOUND, "bp 404")
    }

    #[get("/page")]
    async fn page(Extension(trace): Extension<Trace>) -> &'static str {
        trace.push("view");
        "page"
    }
}

fn app(trace: &Trace) -> App {
    App::new()
        .register(routes![
            app_before,
            app_after,
            app_teardown,
            app_500,
            app_404,
            app_413,
            failing_handler,
            teapot,
            user,
            cyrillic,
            text,
            static_text,
            html,
            entry,
            upload
        ])
        .blueprint(bp::blueprint())
        .extension(trace.clone())
        .max_content_length(16)
}

#[tokio::test]
async fn an_app_hook_that_answers_still_runs_every_after_and_teardown_hook_of_the_blueprint() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace))
        .get("/bp/page?stop=true")
        .send()
        .await;
    assert_eq!(res.text(), "stopped by the app");
    assert_eq!(
        trace.take(),
        [
            "app before",
            "bp after 200",
            "app after 200",
            "bp teardown",
            "app teardown"
        ]
    );
}

#[tokio::test]
async fn the_automatic_options_answer_runs_the_blueprints_hooks() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace))
        .options("/bp/page")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.header("allow"), Some("GET, HEAD, OPTIONS"));
    assert_eq!(
        trace.take(),
        [
            "app before",
            "bp before",
            "bp after 200",
            "app after 200",
            "bp teardown",
            "app teardown"
        ]
    );
}

#[tokio::test]
async fn an_error_from_a_before_hook_reaches_the_500_handler_and_teardown_sees_it() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace))
        .get("/bp/page?fail_before=true")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.text(), "app 500: before hook failed");
    assert_eq!(
        trace.take(),
        [
            "app before",
            "bp after 500",
            "app after 500",
            "bp teardown",
            "app teardown: before hook failed"
        ]
    );
}

#[tokio::test]
async fn an_error_from_an_after_hook_reaches_the_500_handler_and_the_after_hooks_run_again() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace))
        .get("/bp/page?fail_after=true")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    // The second run of the failing hook fails again; that is only logged, and the
    // client gets the plain 500 page.
    assert!(
        res.text().contains("<h1>Internal Server Error</h1>"),
        "{}",
        res.text()
    );
    assert_eq!(
        trace.take(),
        [
            "app before",
            "bp before",
            "view",
            "bp after 200",
            "app after 200",
            "bp after 500",
            "app after 500",
            "bp teardown",
            "app teardown: after hook failed"
        ]
    );
}

#[tokio::test]
async fn an_error_raised_by_an_error_handler_reaches_the_500_handler() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace)).get("/teapot").send().await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.text(), "app 500: the 418 handler failed");
    assert_eq!(
        trace.take().last().map(String::as_str),
        Some("app teardown: the 418 handler failed")
    );
}

#[tokio::test]
async fn abort_from_an_app_hook_on_a_blueprint_url_uses_the_blueprints_handler() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace))
        .get("/bp/page?abort=true")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.text(), "bp 404");
    // A handled HTTP error is no failure: teardown sees no error.
    assert_eq!(
        trace.take().last().map(String::as_str),
        Some("app teardown")
    );
}

#[tokio::test]
async fn a_body_over_max_content_length_reaches_the_413_handler() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace))
        .post("/upload")
        .body("far more than sixteen bytes")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(res.text(), "app 413: that is too much");
}

#[tokio::test]
async fn a_missing_form_field_is_a_400_with_the_reason() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace))
        .post("/entry")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("body=x")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(
        res.text().contains("missing field `title`"),
        "{}",
        res.text()
    );
}

#[tokio::test]
async fn default_error_pages_are_small_html_pages() {
    let res = TestClient::new(App::new()).get("/nowhere").send().await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(res.text().starts_with("<!doctype html>"), "{}", res.text());
    assert!(res.text().contains("<title>404 Not Found</title>"));

    let res = TestClient::new(App::new().register(routes![user]))
        .post("/user/")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(res.text().contains("<h1>Method Not Allowed</h1>"));
}

#[tokio::test]
async fn a_percent_encoded_non_ascii_path_finds_its_route() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    let path = "/%D0%BA%D0%B8%D1%80%D1%82%D0%B5%D1%81%D1%82";
    let res = client.get(path).send().await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "кириллица");
    assert_eq!(cyrillic::url().as_str(), path);
}

#[tokio::test]
async fn a_method_the_slashed_rule_does_not_answer_is_405_not_a_redirect() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    let res = client.post("/user").send().await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("allow"), Some("GET, HEAD, OPTIONS"));

    let res = client.get("/user?x=1").send().await;
    assert_eq!(res.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(res.location(), Some("/user/?x=1"));
}

#[tokio::test]
async fn strings_are_plain_text_and_html_is_html() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    for path in ["/text", "/static-text"] {
        let res = client.get(path).send().await;
        assert_eq!(
            res.header("content-type"),
            Some("text/plain; charset=utf-8"),
            "{path}"
        );
    }
    let res = client.get("/html").send().await;
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
}
