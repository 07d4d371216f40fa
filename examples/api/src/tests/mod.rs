//! The API's behaviour: CRUD, and every error as a problem document; the tokens
//! it takes in `tokens` (and `provider`, with a real OpenID provider's keys).

mod provider;
mod tokens;

use framework_core::prelude::*;
use framework_core::testing::TestClient;
use serde_json::{Value, json};

use super::app;
use crate::tokens::{Settings, token_auth};

const KEY: &str = "notes-test-key";
const BEARER: &str = "Bearer notes-test-key";

/// The app with `NOTES_API_KEY` set to [`KEY`].
fn client() -> TestClient {
    let settings = Settings {
        notes_api_key: Some(KEY.to_owned()),
        ..Settings::default()
    };
    TestClient::new(app().extension(token_auth(settings).unwrap()))
}

#[tokio::test]
async fn create_read_update_delete() {
    let client = client();
    let created = client
        .post("/api/notes")
        .header("authorization", BEARER)
        .json(&json!({"title": "hi", "body": "there"}))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.location(), Some("/api/notes/1"));
    assert_eq!(created.json::<Value>()["title"], "hi");

    let note: Value = client.get("/api/notes/1").await.json();
    assert_eq!(note, json!({"id": 1, "title": "hi", "body": "there"}));
    let updated = client
        .put("/api/notes/1")
        .header("authorization", BEARER)
        .json(&json!({"title": "bye"}))
        .await;
    assert_eq!(updated.json::<Value>()["title"], "bye");
    assert_eq!(
        client
            .get("/api/notes")
            .await
            .json::<Value>()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        client
            .delete("/api/notes/1")
            .header("authorization", BEARER)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        client
            .delete("/api/notes/1")
            .header("authorization", BEARER)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn invalid_input_is_a_422_listing_the_fields() {
    let client = client();
    let response = client
        .post("/api/notes")
        .header("authorization", BEARER)
        .json(&json!({"title": ""}))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.header("content-type"),
        Some("application/problem+json")
    );
    let problem: Value = response.json();
    let errors = problem["errors"].as_array().unwrap();
    assert_eq!(errors[0]["field"], "title");
    assert_eq!(errors[0]["message"], "A title is 1 to 100 characters.");
}

#[tokio::test]
async fn malformed_input_is_400_or_415_never_500() {
    let client = client();
    let bad_json = client
        .post("/api/notes")
        .header("authorization", BEARER)
        .header("content-type", "application/json")
        .body("{\"title\": ")
        .await;
    assert_eq!(bad_json.status(), StatusCode::BAD_REQUEST);
    let wrong_type = client
        .post("/api/notes")
        .header("authorization", BEARER)
        .form(&[("title", "x")])
        .await;
    assert_eq!(wrong_type.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let missing = client
        .post("/api/notes")
        .header("authorization", BEARER)
        .json(&json!({"body": "no title"}))
        .await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_notes_and_methods_are_problems_too() {
    let client = client();
    let missing = client.get("/api/notes/9").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        missing.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(missing.json::<Value>()["detail"], "There is no note 9.");
    let wrong = client.patch("/api/notes").await;
    assert_eq!(wrong.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong.json::<Value>()["status"], 405);
}
