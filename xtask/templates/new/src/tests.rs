//! The app's tests: `cargo test`. `TestClient` sends requests straight to the app,
//! without a server, and keeps the cookies responses set.

use framework_core::prelude::*;
use framework_core::testing::TestClient;

use super::app;

#[tokio::test]
async fn a_note_sent_with_the_form_is_listed_on_the_index() {
    let client = TestClient::new(app());
    let sent = client.post("/notes/add").form(&[("text", "Buy milk")]).await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(sent.location(), Some("/"));
    let index = client.get("/").await;
    assert!(index.text().contains("<li>Buy milk</li>"), "{}", index.text());
}

#[tokio::test]
async fn an_empty_note_shows_the_form_again_with_the_error() {
    let client = TestClient::new(app());
    let sent = client.post("/notes/add").form(&[("text", "")]).await;
    assert_eq!(sent.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        sent.text().contains("Write a note of 1 to 200 characters."),
        "{}",
        sent.text()
    );
    assert!(!client.get("/").await.text().contains("<li>"));
}

#[tokio::test]
async fn what_was_typed_comes_back_escaped() {
    let client = TestClient::new(app());
    let long = format!("<b>{}</b>", "x".repeat(200));
    let sent = client.post("/notes/add").form(&[("text", long.as_str())]).await;
    assert_eq!(sent.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(sent.text().contains("&#60;b&#62;"), "{}", sent.text());
}

#[tokio::test]
async fn the_form_page_links_back_to_the_index() {
    let client = TestClient::new(app());
    let form = client.get("/notes/add").await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(form.text().contains("href=\"/\""), "{}", form.text());
}
