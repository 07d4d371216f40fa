//! JWT access tokens issued by the real `oidc-provider` (client credentials grant
//! for the API `urn:test-api`), verified against its JWKS, through a key rotation.
#![forbid(unsafe_code)]

use std::time::Duration;

use framework_core::prelude::*;
use framework_identity::bearer::{RequireScope, TokenAuth};
use test_support::oidc::{OidcProvider, ProviderOptions};

framework_identity::scopes! {
    pub ReadPosts = "posts:read";
    pub WritePosts = "posts:write";
}

#[get("/api/posts")]
async fn posts(token: RequireScope<ReadPosts>) -> String {
    format!("posts for {}", token.subject)
}

#[get("/api/drafts")]
async fn drafts(token: RequireScope<WritePosts>) -> String {
    format!("drafts for {}", token.subject)
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn provider_issued_jwts_verify_against_its_jwks_across_a_rotation() {
    let mut provider = OidcProvider::start(ProviderOptions {
        redirect_uris: vec!["http://127.0.0.1:5000/callback".into()],
        ..ProviderOptions::default()
    });
    let issuer = provider.issuer();
    let tokens = TokenAuth::builder()
        .jwt_jwks(
            &format!("{issuer}/jwks"),
            &issuer,
            "urn:test-api",
            Duration::ZERO,
        )
        .build()
        .unwrap();
    let client = App::new()
        .register(routes![posts, drafts])
        .extension(tokens)
        .test_client();
    let call = |path: &'static str, token: String| {
        let client = client.clone();
        async move {
            client
                .get(path)
                .header("authorization", &format!("Bearer {token}"))
                .send()
                .await
        }
    };

    let token = provider.access_token("posts:read");
    let response = call("/api/posts", token.clone()).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{:?}",
        response.header("www-authenticate")
    );
    assert_eq!(response.text(), "posts for app");
    let response = call("/api/drafts", token.clone()).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // A new signing key: new tokens verify (the keys are fetched again), and the
    // old token, whose key the provider no longer publishes, does not.
    provider.restart();
    let fresh = provider.access_token("posts:read posts:write");
    assert_eq!(call("/api/drafts", fresh).await.text(), "drafts for app");
    assert_eq!(provider.stats().0, 1);
    let response = call("/api/posts", token).await;
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "{}",
        response.text()
    );
}
