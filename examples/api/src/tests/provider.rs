//! JWTs issued by a real OpenID provider (`oidc-provider`, client credentials
//! grant), verified against its JWKS as `NOTES_JWT_JWKS_URL` configures.

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use serde_json::json;
use test_support::oidc::{OidcProvider, ProviderOptions};

use crate::app;
use crate::tokens::{Settings, token_auth};

/// An access token for the provider's API `urn:test-api` with `scope`.
async fn access_token(provider: &OidcProvider, scope: &str) -> String {
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/token", provider.issuer()))
        .basic_auth("app", Some("app-secret"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("resource", "urn:test-api"),
            ("scope", scope),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    match answer["access_token"].as_str() {
        Some(token) => token.to_owned(),
        None => panic!("no access token: {answer}"),
    }
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn provider_issued_jwts_verify_against_its_jwks() {
    let provider = OidcProvider::start(ProviderOptions {
        redirect_uris: vec!["http://127.0.0.1:5000/callback".into()],
        ..ProviderOptions::default()
    });
    let issuer = provider.issuer();
    let jwks = format!("{issuer}/jwks");
    let config = Config::from_vars([
        ("NOTES_JWT_JWKS_URL", jwks.as_str()),
        ("NOTES_JWT_ISSUER", issuer.as_str()),
        ("NOTES_JWT_AUDIENCE", "urn:test-api"),
    ])
    .unwrap();
    let tokens = token_auth(Settings::from_config(&config).unwrap()).unwrap();
    let client = TestClient::new(app().extension(tokens));

    let writer = access_token(&provider, "notes:write").await;
    let created = client
        .post("/api/notes")
        .header("authorization", &format!("Bearer {writer}"))
        .json(&json!({"title": "from the provider"}))
        .await;
    assert_eq!(
        created.status(),
        StatusCode::CREATED,
        "{:?}",
        created.header("www-authenticate")
    );
    let refused = client
        .delete("/api/notes/1")
        .header("authorization", &format!("Bearer {writer}"))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let admin = access_token(&provider, "notes:write notes:delete").await;
    let deleted = client
        .delete("/api/notes/1")
        .header("authorization", &format!("Bearer {admin}"))
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    // The token is for `urn:test-api`: an API expecting another audience refuses it.
    let config = Config::from_vars([
        ("NOTES_JWT_JWKS_URL", jwks.as_str()),
        ("NOTES_JWT_ISSUER", issuer.as_str()),
    ])
    .unwrap();
    let other = token_auth(Settings::from_config(&config).unwrap()).unwrap();
    let response = TestClient::new(app().extension(other))
        .post("/api/notes")
        .header("authorization", &format!("Bearer {admin}"))
        .json(&json!({"title": "x"}))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
