//! Flash messages, CSRF protection and the login helpers, through the test client.
#![forbid(unsafe_code)]

use framework_core::config::Config;
use framework_core::http::request::Parts;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_sessions::{CsrfLayer, CurrentUser, LoginRequired, Session, User, safe_next};

#[derive(Clone)]
struct Member {
    name: String,
}

impl User for Member {
    type Id = i64;

    async fn load(id: i64, _parts: &mut Parts) -> Result<Option<Self>> {
        Ok((id == 7).then(|| Member {
            name: "ferris".into(),
        }))
    }

    fn login_url() -> Url {
        Url::from_path("/login")
    }
}

#[get("/form")]
async fn form(session: Session) -> Result<String> {
    session.csrf_token().await
}

#[derive(Deserialize)]
struct Note {
    text: String,
}

#[post("/note")]
async fn note(session: Session, Form(note): Form<Note>) -> Result<String> {
    session.flash(format!("saved {}", note.text)).await?;
    session.flash_with("info", "another").await?;
    Ok("ok".into())
}

#[get("/messages")]
async fn messages(session: Session) -> Result<String> {
    let flashes = session.flashed_messages().await?;
    Ok(flashes
        .iter()
        .map(|f| format!("{}: {}", f.category, f.message))
        .collect::<Vec<_>>()
        .join("; "))
}

#[post("/login")]
async fn login(session: Session) -> Result<&'static str> {
    session.log_in(7i64).await?;
    Ok("logged in")
}

#[get("/login")]
async fn login_page(Query(q): Query<Vec<(String, String)>>) -> String {
    let next = q.iter().find(|(k, _)| k == "next").map(|(_, v)| v.as_str());
    format!("login page, next={:?}", next.and_then(safe_next))
}

#[post("/logout")]
async fn logout(session: Session) -> Result<&'static str> {
    session.log_out().await?;
    Ok("logged out")
}

#[get("/private")]
async fn private(LoginRequired(user): LoginRequired<Member>) -> String {
    format!("hello {}", user.name)
}

#[get("/whoami")]
async fn whoami(CurrentUser(user): CurrentUser<Member>) -> String {
    user.map_or("anonymous".to_owned(), |u| u.name)
}

#[post("/api/ping")]
async fn api_ping() -> &'static str {
    "pong"
}

async fn client() -> TestClient {
    let config = Config::from_vars([("SECRET_KEY", "test key")]).unwrap();
    let app = App::new().register(routes![
        form, note, messages, login, login_page, logout, private, whoami, api_ping
    ]);
    let app = framework_sessions::install_with(app, &config, CsrfLayer::new().exempt("/api/"))
        .await
        .unwrap();
    TestClient::new(app)
}

#[tokio::test]
async fn flashed_messages_are_shown_once() {
    let client = client().await;
    let token = client.get("/form").await.text();
    let saved = client
        .post("/note")
        .form(&[("text", "hello"), ("csrf_token", &token)])
        .await;
    assert_eq!(saved.text(), "ok");
    assert_eq!(
        client.get("/messages").await.text(),
        "message: saved hello; info: another"
    );
    assert_eq!(client.get("/messages").await.text(), "");
}

#[tokio::test]
async fn posts_without_a_valid_token_are_refused_with_a_reason() {
    let client = client().await;
    // No session yet: nothing to compare with.
    let response = client.post("/note").form(&[("text", "x")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response.text().contains("has no CSRF token"),
        "{}",
        response.text()
    );

    let token = client.get("/form").await.text();
    let missing = client.post("/note").form(&[("text", "x")]).await;
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    assert!(
        missing.text().contains("CSRF token is missing"),
        "{}",
        missing.text()
    );

    let wrong = client
        .post("/note")
        .form(&[("text", "x"), ("csrf_token", "nope")])
        .await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    assert!(
        wrong.text().contains("CSRF token is invalid"),
        "{}",
        wrong.text()
    );

    let by_header = client
        .post("/note")
        .header("x-csrf-token", &token)
        .form(&[("text", "y")])
        .await;
    assert_eq!(by_header.status(), StatusCode::OK);
}

#[tokio::test]
async fn one_token_serves_the_whole_session() {
    let client = client().await;
    let first = client.get("/form").await.text();
    let second = client.get("/form").await.text();
    assert_eq!(first, second);
    for text in ["a", "b"] {
        let response = client
            .post("/note")
            .form(&[("text", text), ("csrf_token", &first)])
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn cross_site_requests_are_refused_even_with_a_token() {
    let client = client().await;
    let token = client.get("/form").await.text();
    let cross = client
        .post("/note")
        .header("sec-fetch-site", "cross-site")
        .form(&[("text", "x"), ("csrf_token", &token)])
        .await;
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
    assert!(cross.text().contains("another site"), "{}", cross.text());

    let foreign_origin = client
        .post("/note")
        .header("origin", "https://evil.example")
        .form(&[("text", "x"), ("csrf_token", &token)])
        .await;
    assert_eq!(foreign_origin.status(), StatusCode::FORBIDDEN);

    let same_origin = client
        .post("/note")
        .header("sec-fetch-site", "same-origin")
        .header("origin", "http://localhost")
        .form(&[("text", "x"), ("csrf_token", &token)])
        .await;
    assert_eq!(same_origin.status(), StatusCode::OK);
}

#[tokio::test]
async fn exempt_paths_skip_the_check() {
    let client = client().await;
    assert_eq!(client.post("/api/ping").await.text(), "pong");
}

#[tokio::test]
async fn login_required_redirects_with_a_next_that_stays_on_site() {
    let client = client().await;
    let response = client.get("/private?x=1").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.location(), Some("/login?next=%2Fprivate%3Fx%3D1"));
    let page = client.get(response.location().unwrap()).await;
    assert_eq!(page.text(), "login page, next=Some(\"/private?x=1\")");
    let evil = client.get("/login?next=//evil.example").await;
    assert_eq!(evil.text(), "login page, next=None");
    assert_eq!(client.get("/whoami").await.text(), "anonymous");
}

#[tokio::test]
async fn logging_in_renews_the_session_and_its_token() {
    let client = client().await;
    let token = client.get("/form").await.text();
    let before = client.cookie("session").unwrap();
    let response = client.post("/login").form(&[("csrf_token", &token)]).await;
    assert_eq!(response.text(), "logged in");
    assert_ne!(
        client.cookie("session").unwrap(),
        before,
        "a new session id at login"
    );
    assert_eq!(client.get("/private").await.text(), "hello ferris");
    assert_eq!(client.get("/whoami").await.text(), "ferris");

    // The token from before the login no longer works; the new one does.
    let stale = client
        .post("/note")
        .form(&[("text", "x"), ("csrf_token", &token)])
        .await;
    assert_eq!(stale.status(), StatusCode::FORBIDDEN);
    let fresh = client.get("/form").await.text();
    assert_ne!(fresh, token);
    let response = client.post("/logout").form(&[("csrf_token", &fresh)]).await;
    assert_eq!(response.text(), "logged out");
    assert_eq!(client.get("/whoami").await.text(), "anonymous");
}
