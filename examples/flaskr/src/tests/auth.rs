//! Registering, logging in and out (Flask's `tests/test_auth.py`), and the login's rate limit.

use super::*;

#[tokio::test]
async fn hello() {
    let app = flaskr("hello").await;
    assert_eq!(app.client.get("/hello").await.text(), "Hello, World!");
}

#[tokio::test]
async fn register() {
    register_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn register_on_postgres() {
    register_on(Backend::Postgres).await;
}

async fn register_on(backend: Backend) {
    let app = flaskr_on("register", backend).await;
    assert_eq!(
        app.client.get("/auth/register").await.status(),
        StatusCode::OK
    );
    let response = app
        .post("/auth/register", &[("username", "a"), ("password", "a")])
        .await;
    assert_eq!(response.location(), Some("/auth/login"));
    assert_eq!(
        app.count(r#"SELECT COUNT(*) FROM "user" WHERE username = 'a'"#)
            .await,
        1
    );
    let hash: String = app
        .scalar(r#"SELECT password FROM "user" WHERE username = 'a'"#)
        .await;
    assert!(hash.starts_with("scrypt:32768:8:1$"), "{hash}");
}

#[tokio::test]
async fn register_validates_input() {
    let app = flaskr("register-validate").await;
    for (username, password, message) in [
        ("", "", "Username is required."),
        ("a", "", "Password is required."),
        ("test", "test", "User test is already registered."),
    ] {
        let response = app
            .post(
                "/auth/register",
                &[("username", username), ("password", password)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let page = response.text();
        assert!(
            page.contains(&format!("<div class=\"flash\">{message}</div>")),
            "{page}"
        );
        assert!(
            page.contains(&format!("value=\"{username}\"")),
            "re-filled: {page}"
        );
    }
}

#[tokio::test]
async fn login_and_logout() {
    login_and_logout_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn login_and_logout_on_postgres() {
    login_and_logout_on(Backend::Postgres).await;
}

async fn login_and_logout_on(backend: Backend) {
    let app = flaskr_on("login", backend).await;
    assert_eq!(app.client.get("/auth/login").await.status(), StatusCode::OK);
    let before = app.client.cookie("session");
    let response = app.login("test", "test").await;
    assert_eq!(response.location(), Some("/"));
    assert_ne!(
        app.client.cookie("session"),
        before,
        "a new session at login"
    );
    let page = app.client.get("/").await.text();
    assert!(page.contains("<span>test</span>"), "{page}");
    assert!(page.contains("href=\"/auth/logout\">Log Out"), "{page}");

    let response = app.client.get("/auth/logout").await;
    assert_eq!(response.location(), Some("/"));
    let page = app.client.get("/").await.text();
    assert!(
        page.contains("Log In") && page.contains("Register"),
        "{page}"
    );
}

#[tokio::test]
async fn login_validates_input() {
    let app = flaskr("login-validate").await;
    for (username, password, message) in [
        ("a", "test", "Incorrect username."),
        ("test", "a", "Incorrect password."),
    ] {
        let page = app.login(username, password).await.text();
        assert!(
            page.contains(&format!("<div class=\"flash\">{message}</div>")),
            "{page}"
        );
    }
}

/// A failed login is the form again with its message, one `warn` line naming the
/// user name tried (quoted, so a name cannot forge a line of its own), and nobody
/// logged in.
#[tokio::test]
async fn a_failed_login_is_logged_and_logs_nobody_in() {
    use test_support::logs::Capture;
    use tracing::Instrument;

    let app = flaskr("login-failure-log").await;
    for (username, password, message) in [
        ("test", "wrong", "Incorrect password."),
        ("nobody", "test", "Incorrect username."),
        ("x\nINFO forged: logged in", "a", "Incorrect username."),
    ] {
        let capture = Capture::new();
        let response = app
            .login(username, password)
            .instrument(capture.span())
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{username}");
        assert!(
            response
                .text()
                .contains(&format!("<div class=\"flash\">{message}</div>")),
            "{username}"
        );
        let lines = capture.lines();
        let failed: Vec<&String> = lines
            .iter()
            .filter(|l| l.contains("login failed"))
            .collect();
        assert_eq!(failed.len(), 1, "{lines:#?}");
        let line = failed[0];
        assert!(line.contains(" WARN "), "{line}");
        assert!(line.contains(&format!("username={username:?}")), "{line}");
        assert!(
            !lines
                .iter()
                .any(|l| l.contains(" INFO ") && l.contains("logged in")),
            "{lines:#?}"
        );
        let page = app.client.get("/").await.text();
        assert!(
            page.contains("Log In") && !page.contains("Log Out"),
            "{page}"
        );
    }
}

/// Password guessing is slowed down: ten login attempts at once per client, then
/// one every six seconds; past that a 429 with `Retry-After`. The login form itself
/// is not counted. (Each attempt checks a password hash, which takes a moment: the
/// loop allows for a cell coming back while it runs.)
#[tokio::test]
async fn login_attempts_are_rate_limited() {
    let app = flaskr("login-rate-limit").await;
    let mut allowed = 0;
    let limited = loop {
        let res = app.login("test", "wrong").await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            break res;
        }
        assert!(res.text().contains("Incorrect password."), "{}", res.text());
        allowed += 1;
        assert!(allowed < 20, "no limit after {allowed} attempts");
    };
    assert!(allowed >= 10, "limited after {allowed} attempts");
    let seconds: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=6).contains(&seconds), "Retry-After {seconds}");
    assert_eq!(app.client.get("/auth/login").await.status(), StatusCode::OK);
}
