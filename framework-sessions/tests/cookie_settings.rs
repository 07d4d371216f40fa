//! The session cookie's attributes from Flask's `SESSION_COOKIE_*` settings, the
//! combinations browsers refuse, and `Vary: Cookie` merged into the response's own.
#![forbid(unsafe_code)]

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_sessions::{Session, SessionLayer, SessionSettings};

#[get("/count")]
async fn count(session: Session) -> Result<String> {
    let count: u32 = session.get("count").await?.unwrap_or(0) + 1;
    session.insert("count", count).await?;
    Ok(format!("count {count}"))
}

#[get("/encoded")]
async fn encoded(session: Session) -> Result<Response> {
    let _: Option<u32> = session.get("count").await?;
    Ok(([(header::VARY, "Accept-Encoding")], "varies").into_response())
}

use framework_core::http::header;

fn config(pairs: &[(&str, &str)]) -> Config {
    let mut all = vec![("SECRET_KEY".to_owned(), "cookie settings key".to_owned())];
    all.extend(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    Config::from_vars(all).unwrap()
}

async fn client(pairs: &[(&str, &str)]) -> TestClient {
    let sessions = SessionLayer::from_config(&config(pairs)).await.unwrap();
    TestClient::new(App::new().register(routes![count, encoded]).layer(sessions))
}

#[tokio::test]
async fn the_cookie_takes_every_attribute_from_the_settings() {
    let client = client(&[
        ("SESSION_COOKIE_NAME", "sid"),
        ("SESSION_COOKIE_DOMAIN", "example.com"),
        ("SESSION_COOKIE_PATH", "/app"),
        ("SESSION_COOKIE_SECURE", "true"),
        ("SESSION_COOKIE_HTTPONLY", "false"),
        ("SESSION_COOKIE_SAMESITE", "Strict"),
        ("SESSION_COOKIE_PARTITIONED", "true"),
    ])
    .await;
    let res = client.get("/count").await;
    let cookie = res.header("set-cookie").unwrap();
    assert!(cookie.starts_with("sid="), "{cookie}");
    for part in [
        "Domain=example.com",
        "Path=/app",
        "Secure",
        "SameSite=Strict",
        "Partitioned",
    ] {
        assert!(cookie.contains(part), "{part} missing from {cookie}");
    }
    assert!(!cookie.contains("HttpOnly"), "{cookie}");
}

#[tokio::test]
async fn the_defaults_are_httponly_lax_and_the_whole_site() {
    let client = client(&[]).await;
    let cookie = client
        .get("/count")
        .await
        .header("set-cookie")
        .unwrap()
        .to_owned();
    for part in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{part} missing from {cookie}");
    }
    assert!(!cookie.contains("Domain="), "{cookie}");
    // Development: plain http, so no `Secure`.
    assert!(!cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn the_cookie_path_defaults_to_the_application_root() {
    let client = client(&[("APPLICATION_ROOT", "/shop")]).await;
    let res = client.get("/count").await;
    assert!(res.header("set-cookie").unwrap().contains("Path=/shop"));
    let client = client_with_path_and_root().await;
    let res = client.get("/count").await;
    assert!(res.header("set-cookie").unwrap().contains("Path=/own"));
}

async fn client_with_path_and_root() -> TestClient {
    client(&[
        ("APPLICATION_ROOT", "/shop"),
        ("SESSION_COOKIE_PATH", "/own"),
    ])
    .await
}

#[get("/where")]
async fn place() -> String {
    format!("{} {}", framework_core::url::script_root(), url_for!(count))
}

// Flask: test_basic.py::test_session_using_application_root. There a middleware sets
// `SCRIPT_NAME`; here the app is mounted under `APPLICATION_ROOT` (behind a proxy that
// strips it, and that may say so with `X-Forwarded-Prefix`). The cookie is for the
// root, comes back on the next request, and the app's links are under the root.
#[tokio::test]
async fn the_cookie_is_for_the_application_root_and_comes_back() {
    let config = config(&[
        ("APPLICATION_ROOT", "/bar"),
        ("TRUSTED_PROXIES", "127.0.0.1"),
    ]);
    let sessions = SessionLayer::from_config(&config).await.unwrap();
    let app = App::new()
        .register(routes![count, place])
        .layer(sessions)
        .configure(&config)
        .unwrap();
    let client = TestClient::new(app);
    let first = client.get("/count").await;
    let cookie = first.header("set-cookie").unwrap();
    assert!(cookie.contains("Path=/bar"), "{cookie}");
    assert_eq!(client.get("/count").await.text(), "count 2");
    assert_eq!(client.get("/where").await.text(), "/bar /bar/count");
    // The proxy's own prefix, when it sends one, is the script root instead.
    let forwarded = client
        .get("/where")
        .header("x-forwarded-prefix", "/proxied")
        .await;
    assert_eq!(forwarded.text(), "/proxied /proxied/count");
}

#[tokio::test]
async fn settings_browsers_would_refuse_are_errors_naming_them() {
    for (pairs, named) in [
        (
            &[("SESSION_COOKIE_SAMESITE", "None")][..],
            "SESSION_COOKIE_SECURE",
        ),
        (
            &[("SESSION_COOKIE_SAMESITE", "sometimes")][..],
            "SESSION_COOKIE_SAMESITE",
        ),
        (
            &[("SESSION_COOKIE_PARTITIONED", "true")][..],
            "SESSION_COOKIE_SECURE",
        ),
        (&[("SESSION_COOKIE_PATH", "app")][..], "SESSION_COOKIE_PATH"),
        (&[("APPLICATION_ROOT", "shop")][..], "APPLICATION_ROOT"),
        (
            &[("SESSION_COOKIE_HTTPONLY", "maybe")][..],
            "SESSION_COOKIE_HTTPONLY",
        ),
    ] {
        let error = SessionSettings::from_config(&config(pairs))
            .unwrap_err()
            .to_string();
        assert!(error.contains(named), "{pairs:?}: {error}");
    }
    let ok = SessionSettings::from_config(&config(&[
        ("SESSION_COOKIE_SAMESITE", "None"),
        ("SESSION_COOKIE_SECURE", "true"),
    ]));
    assert!(ok.is_ok());
}

#[tokio::test]
async fn vary_cookie_is_merged_into_the_responses_own_vary() {
    let client = client(&[]).await;
    let res = client.get("/encoded").await;
    let vary: Vec<&str> = res
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(vary, ["Accept-Encoding, Cookie"]);
}
