//! `session_transaction`: a test sets up or inspects its client's session directly.
#![forbid(unsafe_code)]

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_sessions::{Session, SessionLayer, SessionTransaction};
use std::sync::{Arc, Mutex};

#[get("/count")]
async fn count(session: Session) -> Result<String> {
    let count: u32 = session.get("count").await?.unwrap_or(0) + 1;
    session.insert("count", count).await?;
    Ok(format!("count {count}"))
}

async fn client() -> TestClient {
    let config = Config::from_vars([("SECRET_KEY", "transaction key")]).unwrap();
    let sessions = SessionLayer::from_config(&config).await.unwrap();
    TestClient::new(App::new().register(routes![count]).layer(sessions))
}

#[tokio::test]
async fn a_transaction_sets_the_session_the_next_request_sees_and_reads_it_back() {
    let client = client().await;
    client
        .session_transaction(|session| async move { session.insert("count", 41u32).await })
        .await;
    assert_eq!(client.get("/count").await.text(), "count 42");

    let seen = Arc::new(Mutex::new(None));
    let into = seen.clone();
    client
        .session_transaction(move |session| async move {
            *into.lock().unwrap() = session.get::<u32>("count").await?;
            Ok(())
        })
        .await;
    assert_eq!(*seen.lock().unwrap(), Some(42));
}

#[tokio::test]
#[should_panic(expected = "no SessionLayer")]
async fn a_transaction_without_sessions_fails_the_test() {
    let client = TestClient::new(App::new().register(routes![count]));
    client.session_transaction(|_| async { Ok(()) }).await;
}
