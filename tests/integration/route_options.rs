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
