//! Flashed messages to Flask's rules: taken once, the same list for the rest of the
//! request, gone the next; filtered by category.
#![forbid(unsafe_code)]

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_sessions::{Session, SessionLayer};

#[get("/flash")]
async fn flash(session: Session) -> Result<&'static str> {
    session.flash("saved").await?;
    session.flash_with("error", "first problem").await?;
    session.flash_with("error", "second problem").await?;
    Ok("flashed")
}

#[get("/show")]
async fn show(session: Session) -> Result<String> {
    let first = session.flashed_messages().await?;
    let again = session.flashed_messages().await?;
    assert_eq!(first, again, "stable within one request");
    let errors = session.flashed_messages_in(&["error"]).await?;
    let messages = session.flashed_messages_in(&["message"]).await?;
    Ok(format!(
        "{} all, {} errors, {} messages",
        first.len(),
        errors.len(),
        messages.len()
    ))
}

async fn client() -> TestClient {
    let config = Config::from_vars([("SECRET_KEY", "flash key")]).unwrap();
    let sessions = SessionLayer::from_config(&config).await.unwrap();
    TestClient::new(App::new().register(routes![flash, show]).layer(sessions))
}

#[tokio::test]
async fn flashes_are_one_list_for_the_request_that_takes_them_and_gone_after() {
    let client = client().await;
    client.get("/flash").await;
    assert_eq!(
        client.get("/show").await.text(),
        "3 all, 2 errors, 1 messages"
    );
    assert_eq!(
        client.get("/show").await.text(),
        "0 all, 0 errors, 0 messages"
    );
}
