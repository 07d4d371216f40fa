//! Writing takes a bearer token with the right scope, as a signed JWT or as an
//! API key: valid, expired, without the scope (403), with a bad signature or
//! unknown (401 with a challenge), missing (401); reading takes none; a bad
//! setting is an error naming it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use framework_core::prelude::*;
use framework_core::testing::{TestClient, TestResponse};
use framework_identity::bearer::{Principal, TokenAuth, hash_api_key};
use jsonwebtoken::{EncodingKey, Header, encode};
use serde_json::{Value, json};

use crate::app;
use crate::tokens::{ApiKey, Keys, Settings, token_auth};

const SECRET: &str = "notes-tests-shared-secret-0123456789";
const ISSUER: &str = "https://auth.notes.test";

/// The app accepting JWTs signed with [`SECRET`] by [`ISSUER`].
fn jwt_client() -> TestClient {
    let settings = Settings {
        notes_jwt_secret: Some(SECRET.to_owned()),
        notes_jwt_issuer: Some(ISSUER.to_owned()),
        ..Settings::default()
    };
    TestClient::new(app().extension(token_auth(settings).unwrap()))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A token for `notes-api` from [`ISSUER`] with `scope`, valid for five minutes.
fn claims(scope: &str) -> Value {
    json!({"sub": "editor-bot", "iss": ISSUER, "aud": "notes-api", "exp": now() + 300, "scope": scope})
}

fn sign(claims: &Value, secret: &str) -> String {
    let key = EncodingKey::from_secret(secret.as_bytes()).unwrap();
    encode(&Header::default(), claims, &key).unwrap()
}

async fn create(client: &TestClient, token: Option<&str>) -> TestResponse {
    let request = client.post("/api/notes").json(&json!({"title": "hi"}));
    match token {
        Some(token) => request.header("authorization", &format!("Bearer {token}")),
        None => request,
    }
    .await
}

async fn delete(client: &TestClient, id: u64, token: &str) -> TestResponse {
    client
        .delete(&format!("/api/notes/{id}"))
        .header("authorization", &format!("Bearer {token}"))
        .await
}

fn challenge(response: &TestResponse) -> &str {
    response.header("www-authenticate").unwrap_or_default()
}

/// 401 for a token that does not verify, with an RFC 6750 challenge saying so.
fn assert_invalid(response: &TestResponse, why: &str) {
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{why}");
    let challenge = challenge(response);
    assert!(
        challenge.starts_with("Bearer realm=\"api\", error=\"invalid_token\""),
        "{why}: {challenge}"
    );
    assert!(challenge.contains(why), "{why}: {challenge}");
}

/// 403 for a valid token without `scope`, naming it.
fn assert_lacks(response: &TestResponse, scope: &str) {
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        challenge(response),
        format!("Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"{scope}\"")
    );
}

#[tokio::test]
async fn a_valid_jwt_with_the_scopes_writes() {
    let client = jwt_client();
    let token = sign(&claims("notes:write notes:delete"), SECRET);
    let created = create(&client, Some(&token)).await;
    assert_eq!(created.status(), StatusCode::CREATED, "{}", created.text());
    assert_eq!(
        delete(&client, 1, &token).await.status(),
        StatusCode::NO_CONTENT
    );
    // `scp` as a list works as `scope` does.
    let listed = json!({"sub": "bot", "iss": ISSUER, "aud": "notes-api", "exp": now() + 60, "scp": ["notes:write"]});
    assert_eq!(
        create(&client, Some(&sign(&listed, SECRET))).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn an_expired_jwt_is_401() {
    let client = jwt_client();
    let mut expired = claims("notes:write");
    // Past the minute of leeway for clocks that differ.
    expired["exp"] = json!(now() - 120);
    let response = create(&client, Some(&sign(&expired, SECRET))).await;
    assert_invalid(&response, "ExpiredSignature");
}

#[tokio::test]
async fn a_jwt_without_the_scope_is_403() {
    let client = jwt_client();
    let writer = sign(&claims("notes:write"), SECRET);
    assert_eq!(
        create(&client, Some(&writer)).await.status(),
        StatusCode::CREATED
    );
    // May write, may not delete.
    assert_lacks(&delete(&client, 1, &writer).await, "notes:delete");
    let reader = sign(&claims("notes:read"), SECRET);
    assert_lacks(&create(&client, Some(&reader)).await, "notes:write");
    // Nothing was written or deleted by the refused requests.
    let notes: Value = client.get("/api/notes").await.json();
    assert_eq!(notes.as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn a_jwt_with_a_bad_signature_or_for_someone_else_is_401() {
    let client = jwt_client();
    let forged = sign(
        &claims("notes:write"),
        "another-secret-of-32-bytes-or-more!!",
    );
    assert_invalid(&create(&client, Some(&forged)).await, "InvalidSignature");
    // A signature cut short, or a token altered after signing.
    let token = sign(&claims("notes:write"), SECRET);
    let (signed, _) = token.rsplit_once('.').unwrap();
    let altered = format!("{signed}.AAAA");
    assert_invalid(&create(&client, Some(&altered)).await, "InvalidSignature");
    let mut other_audience = claims("notes:write");
    other_audience["aud"] = json!("billing-api");
    let response = create(&client, Some(&sign(&other_audience, SECRET))).await;
    assert_invalid(&response, "InvalidAudience");
    let mut other_issuer = claims("notes:write");
    other_issuer["iss"] = json!("https://evil.test");
    let response = create(&client, Some(&sign(&other_issuer, SECRET))).await;
    assert_invalid(&response, "InvalidIssuer");
}

#[tokio::test]
async fn no_token_is_401_with_a_challenge_and_reading_needs_none() {
    for client in [jwt_client(), super::client()] {
        let response = create(&client, None).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(challenge(&response), "Bearer realm=\"api\"");
        assert_eq!(client.get("/api/notes").await.status(), StatusCode::OK);
    }
}

/// The app with three API keys: one for writing, one for writing and deleting,
/// one that expired an hour ago.
fn keys_client() -> TestClient {
    let key = |key: &str, scopes: &[&str], expires| ApiKey {
        digest: hash_api_key(key),
        principal: Principal::new(key, scopes.iter().copied()),
        expires,
    };
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let tokens = TokenAuth::builder()
        .api_keys(Keys(vec![
            key("writer-key", &["notes:write"], None),
            key("admin-key", &["notes:write", "notes:delete"], None),
            key("old-key", &["notes:write", "notes:delete"], Some(hour_ago)),
        ]))
        .build()
        .unwrap();
    TestClient::new(app().extension(tokens))
}

#[tokio::test]
async fn an_api_key_with_the_scopes_writes() {
    let client = keys_client();
    let created = create(&client, Some("admin-key")).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(
        delete(&client, 1, "admin-key").await.status(),
        StatusCode::NO_CONTENT
    );
    // `NOTES_API_KEY` gives both scopes.
    let client = super::client();
    assert_eq!(
        create(&client, Some(super::KEY)).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        delete(&client, 1, super::KEY).await.status(),
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn an_expired_or_unknown_api_key_is_401() {
    let client = keys_client();
    assert_invalid(&create(&client, Some("old-key")).await, "unknown API key");
    assert_invalid(&create(&client, Some("not-a-key")).await, "unknown API key");
}

#[tokio::test]
async fn an_api_key_without_the_scope_is_403() {
    let client = keys_client();
    assert_eq!(
        create(&client, Some("writer-key")).await.status(),
        StatusCode::CREATED
    );
    assert_lacks(&delete(&client, 1, "writer-key").await, "notes:delete");
}

#[tokio::test]
async fn a_jwt_is_not_an_api_key_nor_the_reverse() {
    // An app taking only API keys refuses a (valid) JWT, and one taking only JWTs
    // refuses an API key: each is 401, not a 500.
    let jwt = sign(&claims("notes:write"), SECRET);
    assert_invalid(&create(&keys_client(), Some(&jwt)).await, "unknown API key");
    assert_invalid(
        &create(&jwt_client(), Some("admin-key")).await,
        "not a token this API accepts",
    );
}

#[test]
fn bad_token_settings_are_errors_naming_the_setting() {
    let error = |settings: Settings| token_auth(settings).err().unwrap().to_string();
    let both = error(Settings {
        notes_jwt_secret: Some(SECRET.to_owned()),
        notes_jwt_jwks_url: Some("https://login.example.com/jwks".to_owned()),
        notes_jwt_issuer: Some(ISSUER.to_owned()),
        ..Settings::default()
    });
    assert!(
        both.contains("NOTES_JWT_SECRET and NOTES_JWT_JWKS_URL"),
        "{both}"
    );
    let short = error(Settings {
        notes_jwt_secret: Some("short".to_owned()),
        notes_jwt_issuer: Some(ISSUER.to_owned()),
        ..Settings::default()
    });
    assert!(short.contains("NOTES_JWT_SECRET is too short"), "{short}");
    let no_issuer = error(Settings {
        notes_jwt_jwks_url: Some("https://login.example.com/jwks".to_owned()),
        ..Settings::default()
    });
    assert!(no_issuer.contains("NOTES_JWT_ISSUER"), "{no_issuer}");
    let nothing = error(Settings::default());
    assert!(
        nothing.contains("neither a JWT key nor an API key"),
        "{nothing}"
    );
}

#[test]
fn settings_come_from_the_environment() {
    let config = framework_core::config::Config::from_vars([
        ("NOTES_JWT_SECRET", SECRET),
        ("NOTES_JWT_ISSUER", ISSUER),
        ("NOTES_JWT_AUDIENCE", "notes"),
    ])
    .unwrap();
    let settings = Settings::from_config(&config).unwrap();
    assert!(settings.any());
    assert_eq!(settings.notes_jwt_audience.as_deref(), Some("notes"));
    assert!(token_auth(settings).is_ok());
}
