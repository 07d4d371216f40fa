//! The hello app behaves as its page says.

use framework_core::prelude::*;
use framework_core::testing::TestClient;

use super::app;

#[tokio::test]
async fn index_links_to_the_greeting() {
    let client = TestClient::new(app());
    let page = client.get("/").await;
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.text().contains("href=\"/greet/Ferris\""),
        "{}",
        page.text()
    );
    let greeting = client.get("/greet/Ferris").await;
    assert_eq!(greeting.text(), "Hello, Ferris!");
}

#[tokio::test]
async fn the_blueprint_hook_picks_the_language() {
    let client = TestClient::new(app());
    let french = client
        .get("/greet/Ferris")
        .header("accept-language", "fr-FR")
        .await;
    assert_eq!(french.text(), "Bonjour, Ferris!");
}

#[tokio::test]
async fn json_status() {
    let client = TestClient::new(app());
    let status = client.get("/api/status").await;
    assert_eq!(status.header("content-type"), Some("application/json"));
    assert_eq!(status.text(), r#"{"message":"ok"}"#);
    assert_eq!(
        client.post("/api/status").await.status(),
        StatusCode::METHOD_NOT_ALLOWED
    );
}
