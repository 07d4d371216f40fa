//! Chapter "Testing": an app with a session, a client address and external URLs,
//! and the tests that drive it with `TestClient`.

// ANCHOR: app
use framework_core::config::Config;
use framework_core::extract::ClientAddr;
use framework_core::prelude::*;
use framework_core::url::UrlBase;
use framework_sessions::{Session, SessionLayer};

/// Counts the visits of one browser in its session (a cookie).
#[get("/visits")]
pub async fn visits(session: Session) -> Result<String> {
    let count = session.get::<u32>("visits").await?.unwrap_or(0) + 1;
    session.insert("visits", count).await?;
    Ok(format!("visit {count}"))
}

#[get("/whoami")]
pub async fn whoami(session: Session) -> Result<String> {
    let user = session.get::<String>("user").await?;
    Ok(user.unwrap_or_else(|| "nobody".to_owned()))
}

/// The client's address (Flask's `request.remote_addr`).
#[get("/ip")]
pub async fn ip(ClientAddr(client): ClientAddr) -> String {
    client.to_string()
}

/// An absolute link to this page, on the host and scheme the request came with.
#[get("/share")]
pub async fn share(base: UrlBase) -> String {
    url_for!(share, _external = base).to_string()
}

/// The app as the tests build it: settings from a list instead of the environment
/// (Flask's `create_app({"TESTING": True, ...})`).
pub async fn app() -> App {
    let config = Config::from_vars([
        ("SECRET_KEY", "a test key of at least thirty-two bytes"),
        ("TESTING", "true"),
    ])
    .expect("the test settings are valid");
    let sessions = SessionLayer::from_config(&config)
        .await
        .expect("the memory store needs no setup");
    App::new()
        .register(routes![visits, whoami, ip, share])
        .configure(&config)
        .expect("the test settings are valid")
        .layer(sessions)
}
// ANCHOR_END: app

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use framework_core::prelude::*;
    use framework_core::testing::TestClient;
    use framework_sessions::SessionTransaction;

    use super::app;

    #[tokio::test]
    async fn the_client_keeps_cookies() {
        let client = TestClient::new(app().await);
        assert_eq!(client.get("/visits").await.text(), "visit 1");
        assert_eq!(client.get("/visits").await.text(), "visit 2");
        assert!(client.cookie("session").is_some());

        // Without cookies, every request is a first visit.
        let forgetful = TestClient::new(app().await).without_cookies();
        assert_eq!(forgetful.get("/visits").await.text(), "visit 1");
        assert_eq!(forgetful.get("/visits").await.text(), "visit 1");
    }

    #[tokio::test]
    async fn a_test_can_open_the_session() {
        let client = TestClient::new(app().await);
        client
            .session_transaction(|session| async move { session.insert("user", "ferris").await })
            .await;
        assert_eq!(client.get("/whoami").await.text(), "ferris");
    }

    #[tokio::test]
    async fn the_client_address_and_the_host() {
        let client = TestClient::new(app().await);
        assert_eq!(client.get("/ip").await.text(), "127.0.0.1");
        let from = "203.0.113.7:4000".parse().unwrap();
        assert_eq!(
            client.get("/ip").remote_addr(from).await.text(),
            "203.0.113.7"
        );

        let shared = client.get("/share").host("example.com").https().await;
        assert_eq!(shared.status(), StatusCode::OK);
        assert_eq!(shared.text(), "https://example.com/share");
    }
}
// ANCHOR_END: tests
