//! JWTs issued by a real OpenID provider (`oidc-provider`, client credentials
//! grant), verified against its JWKS as `NOTES_JWT_JWKS_URL` configures.

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use serde_json::json;
use test_support::oidc::{OidcProvider, ProviderOptions};

use crate::app;
use crate::tokens::{Settings, token_auth};

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

    let writer = provider.access_token("notes:write");
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
    let admin = provider.access_token("notes:write notes:delete");
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
