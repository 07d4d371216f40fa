//! Cookies through the test client: plain, signed and private jars keyed from
//! `SECRET_KEY`; a tampered signed cookie is not there; `Config` as an extractor.

use framework_core::config::Config;
use framework_core::cookies::{Cookie, CookieJar, PrivateCookies, SignedCookies};
use framework_core::prelude::*;
use framework_core::testing::TestClient;

#[get("/plain")]
async fn plain(jar: CookieJar) -> (CookieJar, String) {
    let seen = jar.get("flavour").map(|c| c.value().to_owned());
    (
        jar.add(Cookie::new("flavour", "oatmeal")),
        format!("{seen:?}"),
    )
}

#[get("/signed")]
async fn signed(SignedCookies(jar): SignedCookies) -> (SignedCookies, String) {
    let seen = jar.get("user").map(|c| c.value().to_owned());
    (
        SignedCookies(jar.add(Cookie::new("user", "ferris"))),
        format!("{seen:?}"),
    )
}

#[get("/private")]
async fn private(PrivateCookies(jar): PrivateCookies) -> (PrivateCookies, String) {
    let seen = jar.get("token").map(|c| c.value().to_owned());
    (
        PrivateCookies(jar.add(Cookie::new("token", "s3cret"))),
        format!("{seen:?}"),
    )
}

#[get("/forget")]
async fn forget(SignedCookies(jar): SignedCookies) -> impl IntoResponse {
    (jar.remove(Cookie::from("user")), "forgotten")
}

#[get("/settings")]
async fn settings(config: Config) -> String {
    format!("port {} production {}", config.port, config.is_production())
}

const KEY: &str = "a key for the tests, at least 32 characters";

fn app() -> App {
    App::new().register(routes![plain, signed, private, forget, settings])
}

fn client(vars: &[(&str, &str)]) -> TestClient {
    let config = Config::from_vars(vars.iter().copied()).unwrap();
    TestClient::new(app().configure(&config).unwrap())
}

#[tokio::test]
async fn plain_cookies_are_read_and_set() {
    let client = client(&[]);
    assert_eq!(client.get("/plain").await.text(), "None");
    assert_eq!(client.cookie("flavour").as_deref(), Some("oatmeal"));
    assert_eq!(client.get("/plain").await.text(), "Some(\"oatmeal\")");
}

#[tokio::test]
async fn signed_cookies_come_back_and_a_tampered_one_is_ignored() {
    let client = client(&[("SECRET_KEY", KEY)]);
    assert_eq!(client.get("/signed").await.text(), "None");
    let value = client.cookie("user").unwrap();
    // Readable by the client, with the signature in front.
    assert!(value.ends_with("ferris"), "{value}");
    assert_eq!(client.get("/signed").await.text(), "Some(\"ferris\")");

    let tampered = value.replace("ferris", "admin");
    client.set_cookie("user", &tampered);
    let response = client.get("/signed").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text(), "None");

    // Signed with another key: not there either.
    let other = self::client(&[("SECRET_KEY", "another key, also 32 characters long")]);
    other.set_cookie("user", &value);
    assert_eq!(other.get("/signed").await.text(), "None");

    client.get("/forget").await;
    assert_eq!(client.cookie("user"), None);
}

#[tokio::test]
async fn private_cookies_are_unreadable_to_the_client() {
    let client = client(&[("SECRET_KEY", KEY)]);
    assert_eq!(client.get("/private").await.text(), "None");
    let value = client.cookie("token").unwrap();
    assert!(!value.contains("s3cret"), "{value}");
    assert_eq!(client.get("/private").await.text(), "Some(\"s3cret\")");
    client.set_cookie("token", "bm90IGVuY3J5cHRlZA");
    assert_eq!(client.get("/private").await.text(), "None");
}

#[tokio::test]
async fn the_same_secret_key_reads_the_cookies_after_a_restart() {
    let first = client(&[("SECRET_KEY", KEY)]);
    first.get("/signed").await;
    let value = first.cookie("user").unwrap();
    let restarted = client(&[("SECRET_KEY", KEY)]);
    restarted.set_cookie("user", &value);
    assert_eq!(restarted.get("/signed").await.text(), "Some(\"ferris\")");
}

#[tokio::test]
async fn production_without_a_secret_key_refuses_signed_cookies() {
    let client = client(&[("APP_ENV", "production")]);
    let response = client.get("/signed").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    // Plain cookies need no key.
    assert_eq!(client.get("/plain").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn config_is_an_extractor() {
    let client = client(&[("PORT", "8123")]);
    assert_eq!(
        client.get("/settings").await.text(),
        "port 8123 production false"
    );
    // An app that was never configured says so (in the log) with a 500.
    let unconfigured = TestClient::new(app());
    assert_eq!(
        unconfigured.get("/settings").await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
}
