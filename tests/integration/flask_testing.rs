//! Flask's `tests/test_testing.py`, ported: what a request from the test client looks
//! like (host, scheme, client address, headers), reusing a client, query and form
//! together, JSON both ways.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use framework_core::prelude::*;
use framework_core::testing::TestClient;

#[get("/")]
async fn url(uri: http::Uri, headers: HeaderMap) -> String {
    let host = headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    let scheme = uri.scheme_str().unwrap_or("http");
    format!("{scheme}://{host}{}", uri.path())
}

// Flask: test_environ_defaults
#[tokio::test]
async fn a_request_goes_to_http_localhost_by_default() {
    let client = TestClient::new(App::new().register(routes![url]));
    assert_eq!(client.get("/").await.text(), "http://localhost/");
}

#[get("/full")]
async fn full(uri: http::Uri, headers: HeaderMap, base: framework_core::url::UrlBase) -> String {
    let host = headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    let scheme = uri.scheme_str().unwrap_or("http");
    let root = framework_core::url::script_root();
    let own = url_for!(full, _external = base);
    format!("{scheme}://{host}{root}{} {own}", uri.path())
}

#[get("/away")]
async fn away() -> Response {
    redirect(url_for!(full).as_str())
}

fn configured(pairs: &[(&str, &str)]) -> TestClient {
    let config = framework_core::config::Config::from_vars(pairs.iter().copied()).unwrap();
    TestClient::new(
        App::new()
            .register(routes![url, full, away])
            .configure(&config)
            .unwrap(),
    )
}

// Flask: test_environ_defaults_from_config. The client's requests go to
// `SERVER_NAME`, under `APPLICATION_ROOT`: the request's URL, and the URLs the app
// builds, are the root followed by the app's path.
#[tokio::test]
async fn the_client_goes_to_the_server_name_under_the_application_root() {
    let client = configured(&[
        ("SERVER_NAME", "example.com:1234"),
        ("APPLICATION_ROOT", "/foo"),
    ]);
    assert_eq!(
        client.get("/full").await.text(),
        "http://example.com:1234/foo/full http://example.com:1234/foo/full"
    );
    // A redirect to a URL under the root comes back into the app.
    let followed = client.get("/away").follow_redirects().await;
    assert_eq!(
        followed.text(),
        "http://example.com:1234/foo/full http://example.com:1234/foo/full"
    );
    // One request may still name another host.
    let other = client.get("/").host("other.example").await;
    assert_eq!(other.text(), "http://other.example/");
}

#[tokio::test]
async fn the_client_takes_the_preferred_scheme_and_the_root_alone() {
    let https = configured(&[
        ("SERVER_NAME", "example.com"),
        ("PREFERRED_URL_SCHEME", "https"),
    ]);
    assert_eq!(
        https.get("/full").await.text(),
        "https://example.com/full https://example.com/full"
    );
    let rooted = configured(&[("APPLICATION_ROOT", "/shop/")]);
    assert_eq!(
        rooted.get("/full").await.text(),
        "http://localhost/shop/full http://localhost/shop/full"
    );
    assert_eq!(
        rooted.get("/away").await.header("location"),
        Some("/shop/full")
    );
}

#[test]
fn an_application_root_that_is_not_a_path_is_an_error_naming_it() {
    for bad in ["foo", "//evil.example", "/a b"] {
        let config =
            framework_core::config::Config::from_vars([("APPLICATION_ROOT", bad)]).unwrap();
        let error = App::new().configure(&config).err().unwrap().to_string();
        assert!(error.contains("APPLICATION_ROOT"), "{bad}: {error}");
    }
}

// Flask: test_specify_url_scheme
#[tokio::test]
async fn a_request_may_be_sent_as_https() {
    let client = TestClient::new(App::new().register(routes![url]));
    assert_eq!(client.get("/").https().await.text(), "https://localhost/");
}

#[get("/who")]
async fn who(connect: Option<Extension<ConnectInfo<SocketAddr>>>, headers: HeaderMap) -> String {
    let addr = connect.map(|Extension(ConnectInfo(a))| a.ip().to_string());
    let agent = headers
        .get("user-agent")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    format!("{} {agent}", addr.as_deref().unwrap_or("no address"))
}

// Flask: test_environ_base_default
#[tokio::test]
async fn a_request_comes_from_127_0_0_1_by_default() {
    let client = TestClient::new(App::new().register(routes![who]));
    let text = client.get("/who").await.text();
    assert!(
        text.starts_with("127.0.0.1 framework-test-client/"),
        "{text}"
    );
}

// Flask: test_environ_base_modified, test_client_open_environ
#[tokio::test]
async fn the_client_address_and_headers_can_be_set_per_client_and_per_request() {
    let client = TestClient::new(App::new().register(routes![who]))
        .remote_addr("192.168.0.22:5000".parse().unwrap());
    assert_eq!(
        client.get("/who").header("user-agent", "Foo").await.text(),
        "192.168.0.22 Foo"
    );
    let res = client
        .get("/who")
        .remote_addr("127.0.0.2:5000".parse().unwrap())
        .await;
    assert!(res.text().starts_with("127.0.0.2 "), "{}", res.text());
}

// Flask: test_reuse_client
#[tokio::test]
async fn a_client_serves_many_requests() {
    let client = TestClient::new(App::new());
    assert_eq!(client.get("/").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(client.get("/").await.status(), StatusCode::NOT_FOUND);
}

#[derive(Deserialize)]
struct Vodka {
    vodka: i32,
}

#[derive(Deserialize, Serialize)]
struct Gin {
    gin: i32,
}

#[post("/action")]
async fn action(Query(q): Query<Vodka>, Form(f): Form<Gin>) -> String {
    format!("vodka {} gin {}", q.vodka, f.gin)
}

// Flask: test_full_url_request (a path with a query; the host is set with `.host(..)`)
#[tokio::test]
async fn a_post_carries_its_query_and_its_form() {
    let client = TestClient::new(App::new().register(routes![action]));
    let res = client
        .post("/action?vodka=42")
        .host("domain.com")
        .form(&Gin { gin: 43 })
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "vodka 42 gin 43");
}

#[post("/echo")]
async fn echo(Json(value): Json<serde_json::Value>) -> Json<serde_json::Value> {
    Json(value)
}

// Flask: test_json_request_and_response
#[tokio::test]
async fn json_goes_in_and_comes_back() {
    let client = TestClient::new(App::new().register(routes![echo]));
    let data = serde_json::json!({"drink": {"gin": 1, "tonic": true}, "price": 10});
    let res = client.post("/echo").json(&data).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.json::<serde_json::Value>(), data);
}

#[get("/<company_id>")]
async fn view(company_id: String) -> String {
    company_id
}

// Flask: test_nosubdomain
#[tokio::test]
async fn a_url_built_by_url_for_is_served() {
    let client = TestClient::new(App::new().register(routes![view]));
    let url = url_for!(view, company_id = "xxx");
    let res = client.get(url.as_str()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "xxx");
}

#[post("/hello")]
async fn hello(Json(v): Json<serde_json::Value>) -> String {
    format!("Hello, {}!", v["name"].as_str().unwrap_or("?"))
}

// Flask: test_client_json_no_app_context (the part without signals)
#[tokio::test]
async fn a_json_post_reaches_the_view() {
    let client = TestClient::new(App::new().register(routes![hello]));
    let res = client
        .post("/hello")
        .json(&serde_json::json!({"name": "Flask"}))
        .await;
    assert_eq!(res.text(), "Hello, Flask!");
}

#[derive(Clone)]
struct Value(i32);

#[get("/g")]
async fn set_g(g: G) -> &'static str {
    g.insert(Value(42));
    assert_eq!(g.get::<Value>().map(|v| v.0), Some(42));
    "Hello World!"
}

#[get("/g-other")]
async fn other(g: G) -> Result<&'static str> {
    assert_eq!(
        g.get::<Value>().map(|v| v.0),
        None,
        "g does not outlive its request"
    );
    Err(std::io::Error::other("division by zero").into())
}

// Flask: test_test_client_context_binding (g is per request; a failure is a 500)
#[tokio::test]
async fn g_starts_empty_for_each_request() {
    let client = TestClient::new(App::new().register(routes![set_g, other]));
    let res = client.get("/g").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "Hello World!");
    let res = client.get("/g-other").await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.text().contains("Internal Server Error"));
}
