//! Flask's app settings: `TRUSTED_HOSTS`, `PROVIDE_AUTOMATIC_OPTIONS`,
//! `MAX_CONTENT_LENGTH`, from code or from the configuration.

use framework_core::config::Config;
use framework_core::prelude::*;

use framework_core::testing::TestClient;

use crate::support::Trace;

#[before_request]
async fn traced(Extension(trace): Extension<Trace>) {
    trace.push("before");
}

#[get("/")]
async fn index() -> &'static str {
    "index"
}

#[get("/dir/")]
async fn dir() -> &'static str {
    "dir"
}

fn app(trace: &Trace) -> App {
    App::new()
        .register(routes![traced, index, dir])
        .extension(trace.clone())
}

#[tokio::test]
async fn an_untrusted_host_is_a_400_before_any_hook() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace).trusted_hosts(["example.com", ".example.org"]));
    let res = client.get("/").header("host", "evil.test").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().contains("host"), "{}", res.text());
    // Unknown paths too: the check comes before routing's answers.
    let res = client.get("/nowhere").header("host", "evil.test").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(trace.take().is_empty());

    for host in [
        "example.com",
        "EXAMPLE.COM:8080",
        "example.org",
        "www.example.org",
    ] {
        let res = client.get("/").header("host", host).await;
        assert_eq!(res.status(), StatusCode::OK, "{host}");
    }
    assert_eq!(trace.take().len(), 4);
}

#[tokio::test]
async fn without_automatic_options_options_is_a_405() {
    let client = TestClient::new(app(&Trace::default()).provide_automatic_options(false));
    let res = client.options("/").await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("allow"), Some("GET, HEAD"));
    let res = client.options("/dir").await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);

    let client = TestClient::new(app(&Trace::default()));
    assert_eq!(
        client.options("/").await.header("allow"),
        Some("GET, HEAD, OPTIONS")
    );
}

#[tokio::test]
async fn the_settings_come_from_the_configuration() {
    let config = Config::from_vars([
        ("TRUSTED_HOSTS", "example.com, .example.org"),
        ("PROVIDE_AUTOMATIC_OPTIONS", "false"),
        ("MAX_CONTENT_LENGTH", "8"),
    ])
    .unwrap();
    let client = TestClient::new(app(&Trace::default()).configure(&config).unwrap());
    let res = client.get("/").header("host", "a.example.org").await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = client.get("/").header("host", "b.example.net").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = client.options("/").header("host", "example.com").await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);

    for (name, value) in [
        ("PROVIDE_AUTOMATIC_OPTIONS", "perhaps"),
        ("MAX_CONTENT_LENGTH", "-1"),
    ] {
        let config = Config::from_vars([(name, value)]).unwrap();
        let error = App::new().configure(&config).unwrap_err().to_string();
        assert!(error.contains(name), "{error}");
    }
}

#[get("/fails")]
async fn fails() -> Result<&'static str> {
    Err(std::io::Error::other("the disk is full").into())
}

#[get("/missing")]
async fn missing() -> Result<&'static str> {
    Err(abort(StatusCode::NOT_FOUND))
}

#[errorhandler(500)]
async fn server_error() -> (StatusCode, &'static str) {
    (StatusCode::INTERNAL_SERVER_ERROR, "sorry")
}

#[tokio::test]
#[should_panic(expected = "GET /fails: the disk is full")]
async fn with_testing_a_failure_reaches_the_test() {
    let app = App::new()
        .register(routes![fails, server_error])
        .testing(true);
    TestClient::new(app).get("/fails").await;
}

#[tokio::test]
async fn with_testing_http_errors_are_still_answered() {
    let config = Config::from_vars([("TESTING", "true")]).unwrap();
    let app = App::new()
        .register(routes![fails, missing])
        .configure(&config)
        .unwrap();
    let res = TestClient::new(app).get("/missing").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn without_testing_a_failure_is_the_500_page() {
    let app = App::new().register(routes![fails, server_error]);
    let res = TestClient::new(app).get("/fails").await;
    assert_eq!(
        (res.status(), res.text().as_str()),
        (StatusCode::INTERNAL_SERVER_ERROR, "sorry")
    );
}

#[derive(Deserialize, Validate)]
struct Note {
    #[validate(length(min = 1))]
    text: String,
}

#[post("/note")]
async fn note(ValidForm(note): ValidForm<Note>) -> String {
    note.text
}

#[tokio::test]
async fn form_limits_answer_413_past_the_size_or_the_number_of_fields() {
    let config =
        Config::from_vars([("MAX_FORM_MEMORY_SIZE", "32"), ("MAX_FORM_PARTS", "3")]).unwrap();
    let client = TestClient::new(
        App::new()
            .register(routes![note])
            .configure(&config)
            .unwrap(),
    );
    let form = |body: &str| {
        client
            .post("/note")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_owned())
    };
    assert_eq!(form("text=short").await.text(), "short");
    let big = format!("text={}", "x".repeat(40));
    let res = form(&big).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let res = form("text=a&b=1&c=2&d=3").await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(res.text().contains("3 at most"), "{}", res.text());
}

#[get("/slow-upstream")]
async fn slow_upstream() -> Result<&'static str> {
    Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "upstream timed out").into())
}

#[errorhandler(504)]
async fn gateway_timeout(error: Error) -> (StatusCode, String) {
    (StatusCode::GATEWAY_TIMEOUT, format!("504: {error}"))
}

#[tokio::test]
async fn a_foreign_error_type_can_be_given_a_status() {
    let app = App::new()
        .register(routes![slow_upstream, fails, gateway_timeout])
        .error_status(|error: &std::io::Error| {
            (error.kind() == std::io::ErrorKind::TimedOut).then_some(StatusCode::GATEWAY_TIMEOUT)
        });
    let client = TestClient::new(app);
    let res = client.get("/slow-upstream").await;
    assert_eq!(
        (res.status(), res.text().as_str()),
        (StatusCode::GATEWAY_TIMEOUT, "504: upstream timed out")
    );
    // `None` from the map: still a failure, a 500.
    assert_eq!(
        client.get("/fails").await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
}

#[get("/where")]
async fn where_to(base: framework_core::url::UrlBase) -> String {
    url_for!(index, _external = base).to_string()
}

// Configuring twice (the app's own call, then `run`'s) leaves one layer per setting,
// and the later value is the one requests see.
#[tokio::test]
async fn configuring_again_replaces_the_earlier_settings() {
    let first = Config::from_vars([("SERVER_NAME", "first.example")]).unwrap();
    let second = Config::from_vars([("SERVER_NAME", "second.example")]).unwrap();
    let app = App::new()
        .register(routes![index, where_to])
        .configure(&first)
        .unwrap()
        .configure(&second)
        .unwrap();
    let text = TestClient::new(app).get("/where").await.text();
    assert_eq!(text, "http://second.example/");
}
