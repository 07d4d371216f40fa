//! Route options Flask has: `endpoint = "…"` names the endpoint, and
//! `strict_slashes = false` answers the path with and without its trailing slash.

use framework_core::prelude::*;

use framework_core::testing::TestClient;

#[get("/about/", strict_slashes = false)]
async fn about() -> &'static str {
    "about"
}

#[get("/contact", strict_slashes = false)]
async fn contact() -> &'static str {
    "contact"
}

#[get("/strict/")]
async fn strict() -> &'static str {
    "strict"
}

#[blueprint(prefix = "/shop")]
mod shop {
    use framework_core::prelude::*;

    #[get("/", endpoint = "home")]
    async fn index() -> &'static str {
        "shop"
    }
}

fn app() -> App {
    App::new()
        .register(routes![about, contact, strict])
        .blueprint(shop::blueprint())
}

#[tokio::test]
async fn without_strict_slashes_both_spellings_answer_without_a_redirect() {
    let client = TestClient::new(app());
    for path in ["/about/", "/about", "/contact", "/contact/"] {
        let res = client.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
    }
    // Links use the path as declared.
    assert_eq!(about::url().as_str(), "/about/");
    assert_eq!(contact::url().as_str(), "/contact");
    // Strict (the default): the slashless spelling redirects.
    assert_eq!(
        client.get("/strict").await.status(),
        StatusCode::PERMANENT_REDIRECT
    );
    assert_eq!(
        client.get("/strict/extra").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_endpoint_can_be_named() {
    let app = app();
    let endpoints: Vec<String> = app.routes().iter().map(|r| r.endpoint()).collect();
    assert!(endpoints.contains(&"shop.home".to_owned()), "{endpoints:?}");
    assert_eq!(TestClient::new(app).get("/shop/").await.text(), "shop");
}

#[get("/share/<id>")]
async fn share(id: u32, base: framework_core::url::UrlBase) -> String {
    let plain = url_for!(share, id = id, _external = base);
    let secure = url_for!(
        share,
        id = id,
        _external = base,
        _scheme = "https",
        _anchor = "top"
    );
    format!("{plain} {secure}")
}

#[tokio::test]
async fn external_urls_use_the_request_or_the_server_name() {
    let client = TestClient::new(App::new().register(routes![share]));
    let res = client.get("/share/3").host("example.com:8080").await;
    assert_eq!(
        res.text(),
        "http://example.com:8080/share/3 https://example.com:8080/share/3#top"
    );

    let config = framework_core::config::Config::from_vars([
        ("SERVER_NAME", "shop.example"),
        ("PREFERRED_URL_SCHEME", "https"),
    ])
    .unwrap();
    let app = App::new()
        .register(routes![share])
        .configure(&config)
        .unwrap();
    let res = TestClient::new(app).get("/share/4").await;
    assert_eq!(
        res.text(),
        "https://shop.example/share/4 https://shop.example/share/4#top"
    );

    let config = framework_core::config::Config::from_vars([
        ("SERVER_NAME", "example.com"),
        ("APPLICATION_ROOT", "/shop"),
    ])
    .unwrap();
    let app = App::new()
        .register(routes![share])
        .configure(&config)
        .unwrap();
    let res = TestClient::new(app).get("/share/5").await;
    assert!(
        res.text().starts_with("http://example.com/shop/share/5 "),
        "{}",
        res.text()
    );

    let bad = framework_core::config::Config::from_vars([
        ("SERVER_NAME", "shop.example"),
        ("PREFERRED_URL_SCHEME", "gopher"),
    ])
    .unwrap();
    let error = App::new().configure(&bad).unwrap_err().to_string();
    assert!(error.contains("PREFERRED_URL_SCHEME"), "{error}");
}
