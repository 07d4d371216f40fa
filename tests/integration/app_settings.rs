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
