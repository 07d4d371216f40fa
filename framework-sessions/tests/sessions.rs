//! Sessions through the test client: written back only when changed, signed cookies
//! with safe attributes, tampering ignored, key rotation, renewal, and setup errors
//! that name the setting.
#![forbid(unsafe_code)]

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_sessions::{KeyRing, Session, SessionLayer, SessionSettings, SetupError, Store};

#[get("/count")]
async fn count(session: Session) -> Result<String> {
    let count: u32 = session.get("count").await?.unwrap_or(0) + 1;
    session.insert("count", count).await?;
    Ok(format!("count {count}"))
}

#[get("/peek")]
async fn peek(session: Session) -> Result<String> {
    Ok(format!("{:?}", session.get::<u32>("count").await?))
}

#[get("/plain")]
async fn plain() -> &'static str {
    "no session here"
}

#[get("/renew")]
async fn renew(session: Session) -> Result<&'static str> {
    session.renew().await?;
    Ok("renewed")
}

#[get("/logout")]
async fn logout(session: Session) -> Result<&'static str> {
    session.clear().await?;
    Ok("bye")
}

fn vars(pairs: &[(&str, &str)]) -> Config {
    Config::from_vars(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    )
    .unwrap()
}

async fn app_with(config: &Config) -> App {
    let sessions = SessionLayer::from_config(config).await.unwrap();
    App::new()
        .register(routes![count, peek, plain, renew, logout])
        .layer(sessions)
}

async fn dev_app() -> App {
    app_with(&vars(&[("SECRET_KEY", "development key")])).await
}

#[tokio::test]
async fn the_session_carries_over_and_the_cookie_is_safe() {
    let client = TestClient::new(dev_app().await);
    let first = client.get("/count").await;
    assert_eq!(first.text(), "count 1");
    let cookie = first.header("set-cookie").unwrap().to_owned();
    assert!(cookie.starts_with("session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http in development: {cookie}"
    );
    assert_eq!(first.header("vary"), Some("Cookie"));
    assert_eq!(client.get("/count").await.text(), "count 2");
    assert_eq!(client.get("/count").await.text(), "count 3");
}

#[tokio::test]
async fn an_unchanged_session_is_not_written_back() {
    let client = TestClient::new(dev_app().await);
    client.get("/count").await;
    let read = client.get("/peek").await;
    assert_eq!(read.text(), "Some(1)");
    assert_eq!(read.header("set-cookie"), None);
    assert_eq!(read.header("vary"), Some("Cookie"));
    let untouched = client.get("/plain").await;
    assert_eq!(untouched.header("set-cookie"), None);
    assert_eq!(untouched.header("vary"), None);
}

#[tokio::test]
async fn tampered_truncated_and_foreign_cookies_are_no_session() {
    let client = TestClient::new(dev_app().await);
    client.get("/count").await;
    let good = client.cookie("session").unwrap();

    let mut tampered = good.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let truncated = good.get(..good.len() / 2).unwrap().to_owned();
    let foreign = KeyRing::new("someone else's key", []).sign("session", "AAAAAAAAAAAAAAAAAAAAAA");
    for bad in [
        tampered,
        truncated,
        foreign,
        "%%%".to_owned(),
        String::new(),
    ] {
        client.set_cookie("session", &bad);
        let response = client.get("/count").await;
        assert_eq!(response.status(), StatusCode::OK, "cookie {bad:?}");
        assert_eq!(response.text(), "count 1", "cookie {bad:?}");
    }
}

#[tokio::test]
async fn production_cookies_are_secure() {
    let key = "k".repeat(40);
    let config = vars(&[
        ("APP_ENV", "production"),
        ("SECRET_KEY", &key),
        ("SESSION_STORE", "memory"),
    ]);
    let client = TestClient::new(app_with(&config).await);
    let cookie = client
        .get("/count")
        .await
        .header("set-cookie")
        .unwrap()
        .to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn production_refuses_a_missing_or_short_secret_key() {
    let error = SessionSettings::from_config(&vars(&[("APP_ENV", "production")])).unwrap_err();
    assert!(matches!(error, SetupError::SecretKey(_)));
    assert!(
        error.to_string().starts_with("SECRET_KEY is not set"),
        "{error}"
    );
    let short = vars(&[("APP_ENV", "production"), ("SECRET_KEY", "dev")]);
    let error = SessionSettings::from_config(&short).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("SECRET_KEY is 3 characters long"),
        "{error}"
    );
}

#[tokio::test]
async fn development_without_a_key_still_works() {
    let client = TestClient::new(app_with(&vars(&[])).await);
    client.get("/count").await;
    assert_eq!(client.get("/count").await.text(), "count 2");
}

#[tokio::test]
async fn rotated_keys_keep_sessions_and_re_sign_them() {
    let store = Store::connect("memory").await.unwrap();
    let old = SessionSettings::from_config(&vars(&[("SECRET_KEY", "old key")])).unwrap();
    let old_app = App::new()
        .register(routes![count, peek])
        .layer(SessionLayer::new(old, store.clone()));
    let old_client = TestClient::new(old_app);
    old_client.get("/count").await;
    let old_cookie = old_client.cookie("session").unwrap();

    let rotated = SessionSettings::from_config(&vars(&[
        ("SECRET_KEY", "new key"),
        ("SECRET_KEY_FALLBACKS", "older key, old key"),
    ]))
    .unwrap();
    let new_app = App::new()
        .register(routes![count, peek])
        .layer(SessionLayer::new(rotated, store));
    let client = TestClient::new(new_app);
    client.set_cookie("session", &old_cookie);
    let read = client.get("/peek").await;
    assert_eq!(read.text(), "Some(1)");
    // Read with an old key: the cookie comes back signed with the new one.
    let re_signed = client.cookie("session").unwrap();
    assert_ne!(re_signed, old_cookie);
    assert_eq!(client.get("/count").await.text(), "count 2");
}

#[tokio::test]
async fn renew_changes_the_id_and_keeps_the_data() {
    let client = TestClient::new(dev_app().await);
    client.get("/count").await;
    let before = client.cookie("session").unwrap();
    client.get("/renew").await;
    let after = client.cookie("session").unwrap();
    assert_ne!(before, after);
    assert_eq!(client.get("/count").await.text(), "count 2");
    // The old id is gone from the store: whoever held it has nothing.
    client.set_cookie("session", &before);
    assert_eq!(client.get("/peek").await.text(), "None");
}

#[tokio::test]
async fn clearing_removes_the_cookie() {
    let client = TestClient::new(dev_app().await);
    client.get("/count").await;
    let response = client.get("/logout").await;
    let cookie = response.header("set-cookie").unwrap();
    assert!(cookie.starts_with("session=;"), "{cookie}");
    assert!(cookie.contains("Max-Age=0"), "{cookie}");
    assert_eq!(client.cookie("session"), None);
    assert_eq!(client.get("/count").await.text(), "count 1");
}

#[tokio::test]
async fn without_the_layer_the_extractor_says_what_to_do() {
    let client = TestClient::new(App::new().register(routes![count]));
    let response = client.get("/count").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        response.text().contains("SessionLayer"),
        "{}",
        response.text()
    );
}

#[tokio::test]
async fn a_malformed_store_url_names_session_store() {
    let error = Store::connect("postgres://x").await.unwrap_err();
    assert!(
        error.to_string().starts_with("SESSION_STORE must be"),
        "{error}"
    );
    let error = Store::connect("sqlite://").await.unwrap_err();
    assert!(error.to_string().contains("SESSION_STORE"), "{error}");
}

#[tokio::test]
async fn an_unreachable_redis_names_session_store() {
    // Nothing listens on this port (bound and released just now).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("redis://127.0.0.1:{port}");
    let error = Store::connect(&url).await.unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("SESSION_STORE {url} cannot be reached")),
        "{message}"
    );
}

#[tokio::test]
async fn sqlite_sessions_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("framework-sessions-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let url = format!("sqlite://{}/nested/sessions.sqlite", dir.display());
    let config = vars(&[("SECRET_KEY", "sqlite key"), ("SESSION_STORE", &url)]);

    let client = TestClient::new(app_with(&config).await);
    client.get("/count").await;
    let cookie = client.cookie("session").unwrap();
    assert!(dir.join("nested/sessions.sqlite").is_file());

    // A new app (a restart) on the same file knows the session.
    let restarted = TestClient::new(app_with(&config).await);
    restarted.set_cookie("session", &cookie);
    assert_eq!(restarted.get("/count").await.text(), "count 2");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn permanent_sessions_have_a_lifetime_that_is_refreshed() {
    let config = vars(&[
        ("SECRET_KEY", "permanent key"),
        ("SESSION_PERMANENT", "true"),
        ("PERMANENT_SESSION_LIFETIME", "3600"),
    ]);
    let client = TestClient::new(app_with(&config).await);
    let first = client.get("/count").await;
    let cookie = first.header("set-cookie").unwrap().to_owned();
    assert!(cookie.contains("Max-Age=3600"), "{cookie}");
    // A change sends the cookie again, so its lifetime starts over.
    let second = client.get("/count").await;
    assert!(
        second
            .header("set-cookie")
            .unwrap()
            .contains("Max-Age=3600")
    );
    // Reading renews it too (Flask's SESSION_REFRESH_EACH_REQUEST, on by default).
    let read = client.get("/peek").await;
    assert!(read.header("set-cookie").unwrap().contains("Max-Age=3600"));
    assert_eq!(read.text(), "Some(2)");
    // A request that does not use the session leaves it alone.
    assert_eq!(client.get("/plain").await.header("set-cookie"), None);

    // Without refreshing, only a change sends the cookie.
    let config = vars(&[
        ("SECRET_KEY", "permanent key"),
        ("SESSION_PERMANENT", "true"),
        ("SESSION_REFRESH_EACH_REQUEST", "false"),
    ]);
    let client = TestClient::new(app_with(&config).await);
    assert!(client.get("/count").await.header("set-cookie").is_some());
    assert_eq!(client.get("/peek").await.header("set-cookie"), None);
    assert!(client.get("/count").await.header("set-cookie").is_some());
}

#[tokio::test]
async fn a_bad_session_setting_names_it() {
    let config = vars(&[("SESSION_PERMANENT", "sometimes")]);
    let error = SessionSettings::from_config(&config).unwrap_err();
    assert!(error.to_string().contains("SESSION_PERMANENT"), "{error}");
}
