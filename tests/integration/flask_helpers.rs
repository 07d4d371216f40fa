//! Flask's `tests/test_helpers.py`, ported: sending files, `url_for` with an anchor
//! and odd parameter names, `redirect`, `abort`, streaming bodies.

use std::convert::Infallible;
use std::path::PathBuf;

use framework_core::prelude::*;
use framework_core::response::StreamBody;
use framework_core::testing::TestClient;

/// A folder of its own for each test, with `static/index.html` in it.
fn site(test: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("flask-helpers-{test}-{}", std::process::id()));
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/index.html"), "<h1>Hello World!</h1>\n").unwrap();
    std::fs::write(root.join("static/hello.txt"), "Hello Subdomain\n").unwrap();
    root
}

#[derive(Clone)]
struct Root(PathBuf);

#[get("/send-file")]
async fn do_send_file(Extension(Root(root)): Extension<Root>) -> Result<Response> {
    send_file(root.join("static/index.html")).await
}

#[get("/from-directory")]
async fn do_send_from_directory(Extension(Root(root)): Extension<Root>) -> Result<Response> {
    send_from_directory(root.join("static"), "hello.txt").await
}

fn files_app(test: &str) -> App {
    App::new()
        .register(routes![do_send_file, do_send_from_directory])
        .extension(Root(site(test)))
}

// Flask: TestSendfile.test_send_file
#[tokio::test]
async fn send_file_answers_the_file_with_its_type() {
    let client = TestClient::new(files_app("send-file"));
    let res = client.get("/send-file").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(res.text(), "<h1>Hello World!</h1>\n");
}

// Flask: TestSendfile.test_static_file (a file sent by a handler takes its maximum
// age per call, `.max_age(..)`, not from `SEND_FILE_MAX_AGE_DEFAULT`)
#[tokio::test]
async fn files_carry_no_max_age_unless_one_is_set() {
    let root = site("static-file");
    let app = || App::new().static_folder(root.join("static"));
    let res = TestClient::new(app()).get("/static/index.html").await;
    assert_eq!(res.header("cache-control"), Some("no-cache"));

    let app = app().send_file_max_age(std::time::Duration::from_secs(3600));
    let res = TestClient::new(app).get("/static/index.html").await;
    assert_eq!(res.header("cache-control"), Some("public, max-age=3600"));

    let sent = send_file(root.join("static/index.html")).await.unwrap();
    assert_eq!(sent.headers()["cache-control"], "no-cache");
    let sent = send_file(root.join("static/index.html"))
        .max_age(std::time::Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(sent.headers()["cache-control"], "public, max-age=10");
    let _ = std::fs::remove_dir_all(&root);
}

// Flask: TestSendfile.test_send_from_directory
#[tokio::test]
async fn send_from_directory_answers_a_file_of_the_directory() {
    let client = TestClient::new(files_app("from-directory"));
    let res = client.get("/from-directory").await;
    assert_eq!(res.text().trim(), "Hello Subdomain");
}

#[get("/")]
async fn index() -> &'static str {
    "42"
}

#[get("/<self_>")]
async fn with_self(self_: String) -> String {
    self_
}

// Flask: TestUrlFor.test_url_for_with_anchor
#[test]
fn url_for_with_an_anchor_encodes_it() {
    assert_eq!(url_for!(index, _anchor = "x y").as_str(), "/#x%20y");
}

// Flask: TestUrlFor.test_url_for_with_self (a parameter named like the language's
// own word; `self` itself cannot be an argument in Rust)
#[tokio::test]
async fn url_for_takes_a_parameter_named_like_a_keyword() {
    let url = url_for!(with_self, self_ = "2");
    assert_eq!(url.as_str(), "/2");
    let client = TestClient::new(App::new().register(routes![with_self]));
    assert_eq!(client.get(&url).await.text(), "2");
}

// Flask: test_redirect_no_app
#[test]
fn redirect_helpers_set_location_and_status() {
    let response = Redirect::temporary("https://localhost").into_response();
    assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(response.headers()["location"], "https://localhost");
    // Flask's default code: 302.
    let response = redirect("https://localhost");
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()["location"], "https://localhost");
}

// Flask: test_abort_no_app (an unknown status such as 900 cannot be named: `abort`
// takes a `StatusCode`, and `#[errorhandler(900)]` is a build error)
#[test]
fn abort_makes_an_http_error_of_that_status() {
    let error = abort(StatusCode::UNAUTHORIZED);
    assert!(error.is_http());
    assert_eq!(error.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error.default_response().status(), StatusCode::UNAUTHORIZED);
}

#[derive(Deserialize)]
struct Name {
    name: String,
}

#[get("/stream")]
async fn stream(
    Query(q): Query<Name>,
) -> StreamBody<impl futures_util::TryStream<Ok = String, Error = Infallible>> {
    // What Flask's stream_with_context keeps: the request's data, here moved in.
    let parts = ["Hello ".to_owned(), q.name, "!".to_owned()];
    StreamBody::new(futures_util::stream::iter(parts.map(Ok)))
}

// Flask: TestStreaming.test_streaming_with_context,
// test_streaming_with_context_as_decorator
#[tokio::test]
async fn a_streamed_body_uses_the_requests_data() {
    let client = TestClient::new(App::new().register(routes![stream]));
    assert_eq!(
        client.get("/stream?name=World").await.text(),
        "Hello World!"
    );
}

/// A stream that records when it is dropped (Flask: the generator's `close`).
struct Recorded<S> {
    inner: S,
    closed: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl<S> Drop for Recorded<S> {
    fn drop(&mut self) {
        self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl<S: futures_util::Stream + Unpin> futures_util::Stream for Recorded<S> {
    type Item = S::Item;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<S::Item>> {
        std::pin::Pin::new(&mut self.inner).poll_next(cx)
    }
}

#[derive(Clone)]
struct Closed(std::sync::Arc<std::sync::atomic::AtomicBool>);

#[get("/stream-closed")]
async fn stream_closed(
    Query(q): Query<Name>,
    Extension(Closed(closed)): Extension<Closed>,
) -> StreamBody<impl futures_util::TryStream<Ok = String, Error = Infallible>> {
    let parts = ["Hello ".to_owned(), q.name, "!".to_owned()];
    StreamBody::new(Recorded {
        inner: futures_util::stream::iter(parts.map(Ok::<_, Infallible>)),
        closed,
    })
}

// Flask: TestStreaming.test_streaming_with_context_and_custom_close
#[tokio::test]
async fn a_streamed_body_is_closed_when_it_is_done() {
    let closed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let client = TestClient::new(
        App::new()
            .register(routes![stream_closed])
            .extension(Closed(closed.clone())),
    );
    assert_eq!(
        client.get("/stream-closed?name=World").await.text(),
        "Hello World!"
    );
    assert!(closed.load(std::sync::atomic::Ordering::SeqCst));
}

// Flask: TestHelpers.test_get_debug_flag (APP_ENV is our switch, not FLASK_DEBUG)
#[test]
fn the_mode_comes_from_app_env() {
    use framework_core::config::{Config, Mode};
    let config = Config::from_vars([("APP_ENV", "development")]).unwrap();
    assert_eq!(config.mode, Mode::Development);
    let config = Config::from_vars([("APP_ENV", "production")]).unwrap();
    assert!(config.is_production());
    assert!(Config::from_vars([("APP_ENV", "No")]).is_err());
}

#[get("/external")]
async fn external(base: framework_core::url::UrlBase) -> String {
    let http = url_for!(index, _external = base);
    let https = url_for!(index, _external = base, _scheme = "https");
    let again = url_for!(index, _external = base);
    format!("{http} {https} {again}")
}

// Flask: TestUrlFor.test_url_for_with_scheme, test_url_for_with_alternating_schemes
// (`_scheme` without `_external` is a build error here:
// tests/ui/url_for/fail/scheme_without_external.rs)
#[tokio::test]
async fn external_urls_take_the_requests_host_and_the_scheme_asked_for() {
    let client = TestClient::new(App::new().register(routes![index, external]));
    assert_eq!(
        client.get("/external").await.text(),
        "http://localhost/ https://localhost/ http://localhost/"
    );
}

#[post("/hello/<name>")]
async fn hello(name: String) -> String {
    name
}

#[get("/share")]
async fn share(base: framework_core::url::UrlBase) -> String {
    url_for!(hello, name = "test x", _external = base).into_string()
}

// Flask: test_basic.py's test_url_generation (the `_external` half)
#[tokio::test]
async fn an_external_url_is_percent_encoded_too() {
    let client = TestClient::new(App::new().register(routes![hello, share]));
    assert_eq!(
        client.get("/share").await.text(),
        "http://localhost/hello/test%20x"
    );
}

// Flask: test_appctx.py's test_basic_url_generation (SERVER_NAME and
// PREFERRED_URL_SCHEME)
#[tokio::test]
async fn the_server_name_and_preferred_scheme_make_external_urls() {
    let app = App::new()
        .register(routes![index, external])
        .server_name(framework_core::url::UrlBase::new("https", "localhost"));
    let text = TestClient::new(app)
        .get("/external")
        .host("other.example")
        .await
        .text();
    assert!(text.starts_with("https://localhost/ "), "{text}");
}
