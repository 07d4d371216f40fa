//! Security headers: on every response (pages, error pages, redirects, unknown paths,
//! wrong methods, panics, static files), configurable by setting, and a response's
//! own value wins.

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::security::{DEFAULT_HSTS, SecurityHeaders};
use framework_core::testing::{TestClient, TestResponse};

#[get("/")]
async fn index() -> &'static str {
    "index"
}

#[get("/dir/")]
async fn dir() -> &'static str {
    "dir"
}

#[get("/boom")]
async fn boom() -> &'static str {
    panic!("the view broke")
}

#[get("/missing")]
async fn missing() -> Result<&'static str> {
    Err(abort(StatusCode::GONE))
}

#[get("/framed")]
async fn framed() -> Response {
    (
        [("x-frame-options", "SAMEORIGIN")],
        "may be framed by the app",
    )
        .into_response()
}

#[errorhandler(410)]
async fn gone() -> (StatusCode, &'static str) {
    (StatusCode::GONE, "gone, by the handler")
}

#[get("/hooked")]
async fn hooked() -> &'static str {
    "hooked"
}

#[after_request]
async fn relax_referrer(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    response
}

fn assert_defaults(res: &TestResponse, what: &str) {
    assert_eq!(
        res.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(res.header("x-frame-options"), Some("DENY"), "{what}");
    assert_eq!(
        res.header("referrer-policy"),
        Some("strict-origin-when-cross-origin"),
        "{what}"
    );
    assert_eq!(res.header("content-security-policy"), None, "{what}");
    assert_eq!(res.header("strict-transport-security"), None, "{what}");
}

fn static_site() -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("security-headers-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("style.css"), "body {}\n").unwrap();
    root
}

#[tokio::test]
async fn every_response_of_an_app_without_hooks_has_them() {
    let app = App::new()
        .register(routes![index, dir, boom, framed])
        .static_folder(static_site())
        .static_url_path("/static");
    let client = TestClient::new(app);
    for (method, path, status) in [
        (Method::GET, "/", StatusCode::OK),
        (Method::GET, "/nowhere", StatusCode::NOT_FOUND),
        (Method::POST, "/", StatusCode::METHOD_NOT_ALLOWED),
        (Method::OPTIONS, "/", StatusCode::OK),
        (Method::GET, "/dir", StatusCode::PERMANENT_REDIRECT),
        (Method::GET, "/boom", StatusCode::INTERNAL_SERVER_ERROR),
        (Method::GET, "/static/style.css", StatusCode::OK),
        (Method::GET, "/static/nothing.css", StatusCode::NOT_FOUND),
    ] {
        let res = client.request(method.clone(), path).await;
        assert_eq!(res.status(), status, "{method} {path}");
        assert_defaults(&res, &format!("{method} {path}"));
    }
    // The handler's own value wins; the others are still added.
    let res = client.get("/framed").await;
    assert_eq!(res.header("x-frame-options"), Some("SAMEORIGIN"));
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
}

#[tokio::test]
async fn error_handlers_and_after_request_hooks_keep_them_or_override_them() {
    let client =
        TestClient::new(App::new().register(routes![hooked, missing, gone, relax_referrer]));
    let res = client.get("/missing").await;
    assert_eq!(res.status(), StatusCode::GONE);
    assert_eq!(res.text(), "gone, by the handler");
    assert_eq!(res.header("x-frame-options"), Some("DENY"));
    // The hook's value wins over the app's default.
    assert_eq!(res.header("referrer-policy"), Some("no-referrer"));
    let res = client.get("/nowhere").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(res.header("referrer-policy"), Some("no-referrer"));
}

#[tokio::test]
async fn an_untrusted_host_is_refused_with_them() {
    let client = TestClient::new(
        App::new()
            .register(routes![index])
            .trusted_hosts(["example.com"]),
    );
    let res = client.get("/").host("evil.test").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_defaults(&res, "untrusted host");
}

#[tokio::test]
async fn settings_replace_turn_off_and_add_headers() {
    let config = Config::from_vars([
        ("X_FRAME_OPTIONS", ""),
        ("REFERRER_POLICY", "same-origin"),
        (
            "CONTENT_SECURITY_POLICY",
            "default-src 'self'; frame-ancestors 'none'",
        ),
    ])
    .unwrap();
    let app = App::new()
        .register(routes![index])
        .configure(&config)
        .unwrap();
    let res = TestClient::new(app).get("/").await;
    assert_eq!(res.header("x-frame-options"), None);
    assert_eq!(res.header("referrer-policy"), Some("same-origin"));
    assert_eq!(
        res.header("content-security-policy"),
        Some("default-src 'self'; frame-ancestors 'none'")
    );
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
}

#[tokio::test]
async fn hsts_is_on_in_production_over_https_only() {
    let production = Config::from_vars([("APP_ENV", "production")]).unwrap();
    let app = App::new()
        .register(routes![index])
        .configure(&production)
        .unwrap();
    let client = TestClient::new(app);
    let res = client.get("/").https().await;
    assert_eq!(res.header("strict-transport-security"), Some(DEFAULT_HSTS));
    let res = client.get("/nowhere").https().await;
    assert_eq!(res.header("strict-transport-security"), Some(DEFAULT_HSTS));
    let res = client.get("/").await;
    assert_eq!(res.header("strict-transport-security"), None);

    // Development: none, unless set.
    let development = Config::from_vars([("APP_ENV", "development")]).unwrap();
    let app = App::new()
        .register(routes![index])
        .configure(&development)
        .unwrap();
    let res = TestClient::new(app).get("/").https().await;
    assert_eq!(res.header("strict-transport-security"), None);

    let off =
        Config::from_vars([("APP_ENV", "production"), ("STRICT_TRANSPORT_SECURITY", "")]).unwrap();
    let app = App::new().register(routes![index]).configure(&off).unwrap();
    let res = TestClient::new(app).get("/").https().await;
    assert_eq!(res.header("strict-transport-security"), None);
}

#[tokio::test]
async fn a_bad_value_is_an_error_naming_the_setting() {
    let config = Config::from_vars([("CONTENT_SECURITY_POLICY", "default-src\u{7}")]).unwrap();
    let error = App::new().configure(&config).unwrap_err();
    assert!(
        error.to_string().contains("CONTENT_SECURITY_POLICY"),
        "{error}"
    );
}

#[tokio::test]
async fn an_app_can_send_none() {
    let app = App::new()
        .register(routes![index])
        .security_headers(SecurityHeaders::none());
    let res = TestClient::new(app).get("/").await;
    assert_eq!(res.header("x-content-type-options"), None);
    assert_eq!(res.header("x-frame-options"), None);
}

mod made_by_layers {
    //! Answers made outside the routes' pipeline, by a layer: they get the headers
    //! too, from the router's outermost layer.

    use std::convert::Infallible;

    use framework_core::axum::body::Body;
    use framework_core::middleware::{Middleware, MiddlewareLayer};
    use tower::Service;

    use super::*;

    #[route("/form", methods = [GET, POST])]
    async fn form() -> &'static str {
        "form"
    }

    #[post("/upload")]
    async fn upload(body: framework_core::axum::body::Bytes) -> String {
        body.len().to_string()
    }

    #[get("/limited", rate_limit = "1/minute")]
    async fn limited() -> &'static str {
        "limited"
    }

    /// A layer that answers `/private` itself, as an authentication layer would.
    #[derive(Clone)]
    struct Gate;

    impl Middleware for Gate {
        async fn call<S>(&self, request: http::Request<Body>, mut inner: S) -> Response
        where
            S: Service<http::Request<Body>, Response = Response, Error = Infallible> + Send,
            S::Future: Send,
        {
            if request.uri().path() == "/private" {
                return (StatusCode::UNAUTHORIZED, "who are you?").into_response();
            }
            let Ok(response) = inner.call(request).await;
            response
        }
    }

    #[tokio::test]
    async fn every_kind_of_answer_a_layer_or_a_limit_makes_has_them() {
        let config = Config::from_vars([
            ("SECRET_KEY", "layer-made answers"),
            ("SESSION_STORE", "memory"),
            ("MAX_URI_LENGTH", "64"),
        ])
        .unwrap();
        let app = App::new()
            .register(routes![form, upload, limited])
            .max_content_length(16)
            .configure(&config)
            .unwrap()
            .layer(MiddlewareLayer(Gate));
        let app = framework_sessions::install(app, &config).await.unwrap();
        let client = TestClient::new(app);

        let res = client.get("/private").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_defaults(&res, "a layer's own answer");

        let res = client
            .post("/form")
            .header("sec-fetch-site", "cross-site")
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{}", res.text());
        assert_defaults(&res, "the CSRF layer's 403");

        let res = client.post("/form").form(&[("csrf_token", "x")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{}", res.text());
        assert_defaults(&res, "the CSRF layer's 403 without a session token");

        let res = client
            .post("/form")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("a=".repeat(1024 * 1024))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            res.text()
        );
        assert_defaults(&res, "the CSRF layer's 413");

        let res = client
            .post("/upload")
            .header("x-csrf-token", "not checked: refused before")
            .header("authorization", "Bearer api")
            .body("x".repeat(64))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            res.text()
        );
        assert_defaults(&res, "MAX_CONTENT_LENGTH's 413");

        let res = client.get(&format!("/form?q={}", "a".repeat(80))).await;
        assert_eq!(res.status(), StatusCode::URI_TOO_LONG);
        assert_defaults(&res, "MAX_URI_LENGTH's 414");

        assert_eq!(client.get("/limited").await.status(), StatusCode::OK);
        let res = client.get("/limited").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(res.header("retry-after").is_some());
        assert_defaults(&res, "a rate limit's 429");
    }

    /// The outermost layer shares the last tower layer's hop when the app's layers
    /// end with one; after a router change it is a hop of its own. Both ways, the
    /// last layer's answers and a route added by the change have the headers.
    #[tokio::test]
    async fn a_last_tower_layer_or_a_router_change_keeps_them() {
        let gated = App::new()
            .register(routes![form])
            .layer(MiddlewareLayer(Gate));
        let changed = App::new()
            .register(routes![form])
            .layer(MiddlewareLayer(Gate))
            .map_router(|router| {
                router.route(
                    "/added",
                    framework_core::axum::routing::get(|| async { "added" }),
                )
            });
        for (name, app) in [("a last tower layer", gated), ("a router change", changed)] {
            let client = TestClient::new(app);
            let res = client.get("/private").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
            assert_defaults(&res, name);
            let res = client.get("/form").await;
            assert_eq!(res.text(), "form", "{name}");
            assert_defaults(&res, name);
        }
        let res = TestClient::new(App::new().map_router(|router| {
            router.route(
                "/added",
                framework_core::axum::routing::get(|| async { "added" }),
            )
        }))
        .get("/added")
        .await;
        assert_eq!(res.text(), "added");
        assert_defaults(&res, "a route the router change added");
    }
}
