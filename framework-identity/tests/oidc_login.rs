//! Signing in against the real `oidc-provider`: the whole authorization-code flow,
//! a plain OAuth 2.0 provider beside it, roles from the ID token's claims, tokens
//! kept server-side and refreshed, and RP-initiated logout.
#![forbid(unsafe_code)]

mod common;

use common::*;
use framework_core::prelude::*;
use test_support::http::Browser;
use test_support::oidc::ProviderOptions;

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn signs_in_through_the_provider_and_lands_on_next() {
    let (provider, app) = start(provider_options()).await;
    let client = app.test_client();
    assert_eq!(client.get("/me").send().await.text(), "anonymous");

    let authorize = begin(&client, "test", "/me").await;
    assert!(
        authorize.starts_with(&format!("{}/auth?", provider.issuer())),
        "{authorize}"
    );
    for param in ["state", "nonce", "code_challenge", "redirect_uri"] {
        assert!(
            query_param(&authorize, param).is_some(),
            "{param} in {authorize}"
        );
    }
    assert_eq!(
        query_param(&authorize, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(
        query_param(&authorize, "response_type").as_deref(),
        Some("code")
    );

    let callback = authorize_as(
        &provider,
        &mut Browser::new(provider.port),
        &authorize,
        "alice",
    );
    assert!(callback.starts_with(&app_path(CALLBACK)), "{callback}");

    let response = finish_sign_in(&client, &callback).await;
    assert_eq!(response.location(), Some("/me"));
    // Claims from the ID token and userinfo, the app's own `roles` claim included.
    assert_eq!(
        client.get("/me").send().await.text(),
        "test:alice <alice@example.test> roles=[\"editor\"]"
    );

    // The cookie carries the session's signed id only, never a token.
    let access_token = client.get("/token").send().await.text();
    assert!(access_token.len() > 20, "{access_token}");
    let cookie = client.cookie("session").expect("a session cookie");
    assert!(cookie.len() < 120, "{cookie}");
    assert!(!cookie.contains(&access_token));

    // The `roles` claim gives the app's roles: alice is an editor.
    assert_eq!(
        client.get("/editors").send().await.text(),
        "the editors' page"
    );
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_plain_oauth2_provider_signs_in_by_userinfo() {
    let (provider, app) = start(provider_options()).await;
    let client = app.test_client();
    let authorize = begin(&client, "plain", "/me").await;
    // Plain OAuth 2.0 asks for exactly the configured scopes.
    assert_eq!(
        query_param(&authorize, "scope").as_deref(),
        Some("openid+email")
    );
    let callback = authorize_as(
        &provider,
        &mut Browser::new(provider.port),
        &authorize,
        "bob",
    );
    assert!(
        callback.starts_with(&app_path(PLAIN_CALLBACK)),
        "{callback}"
    );
    finish_sign_in(&client, &callback).await;
    assert_eq!(
        client.get("/me").send().await.text(),
        "plain:bob <bob@example.test> roles=[]"
    );
    // No `roles` claim, no role: signed in, and still not an editor.
    let response = client.get("/editors").send().await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

/// The app's `Accounts` links a sign-in to the account it already has for that
/// email address when the provider verified the address (alice), and creates a
/// new member when it did not (bob): an unverified claim takes over no account.
#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_sign_in_links_an_existing_account_by_verified_email_only() {
    let provider = test_support::oidc::OidcProvider::start(provider_options());
    let oidc = oidc(&provider.issuer(), std::time::Duration::from_secs(10));
    let directory = Directory::with_accounts(&[
        ("local:alice", "alice@example.test"),
        ("local:bob", "bob@example.test"),
    ]);
    let app = app_with(oidc, &[], directory, "app").await;

    let alice = app.test_client();
    sign_in(&provider, &alice).await;
    assert_eq!(
        alice.get("/me").send().await.text(),
        "local:alice <alice@example.test> roles=[\"editor\"]"
    );

    let bob = app.test_client();
    let authorize = begin(&bob, "test", "/me").await;
    let callback = authorize_as(
        &provider,
        &mut Browser::new(provider.port),
        &authorize,
        "bob",
    );
    finish_sign_in(&bob, &callback).await;
    assert_eq!(
        bob.get("/me").send().await.text(),
        "test:bob <bob@example.test> roles=[]"
    );
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn the_provider_keys_are_fetched_once_for_many_sign_ins() {
    let (provider, app) = start(provider_options()).await;
    for _ in 0..3 {
        sign_in(&provider, &app.test_client()).await;
    }
    let (jwks, token) = provider.stats();
    assert_eq!((jwks, token), (1, 3));
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn an_expiring_access_token_is_refreshed_with_the_kept_refresh_token() {
    // Access tokens live 20 s: within the 30 s margin, so every use refreshes.
    let (provider, app) = start(ProviderOptions {
        access_ttl: Some(20),
        ..provider_options()
    })
    .await;
    let client = app.test_client();
    sign_in(&provider, &client).await;
    let (_, before) = provider.stats();

    let first = client.get("/token").send().await;
    assert_eq!(first.status(), StatusCode::OK, "{}", first.text());
    let second = client.get("/token").send().await.text();
    assert_ne!(first.text(), second);
    assert!(!second.is_empty());
    let (_, after) = provider.stats();
    assert_eq!(after, before + 2, "two refresh-token grants");
    assert_eq!(
        client.get("/me").send().await.text(),
        "test:alice <alice@example.test> roles=[\"editor\"]"
    );
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_refresh_token_the_provider_forgot_logs_out_with_401() {
    let (mut provider, app) = start(ProviderOptions {
        access_ttl: Some(20),
        ..provider_options()
    })
    .await;
    let client = app.test_client();
    sign_in(&provider, &client).await;
    // A restarted provider has forgotten every token it issued.
    provider.restart();
    let response = client.get("/token").send().await;
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "{}",
        response.text()
    );
    assert!(
        response.text().contains("Your sign-in has expired"),
        "{}",
        response.text()
    );
    assert_eq!(client.get("/me").send().await.text(), "anonymous");
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn logout_ends_the_session_here_and_at_the_provider() {
    let (provider, app) = start(provider_options()).await;
    let client = app.test_client();
    let authorize = begin(&client, "test", "/me").await;
    let mut browser = Browser::new(provider.port);
    let callback = authorize_as(&provider, &mut browser, &authorize, "alice");
    finish_sign_in(&client, &callback).await;
    assert_ne!(client.get("/me").send().await.text(), "anonymous");

    let response = log_out(&client).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let end_session = response.location().unwrap().to_owned();
    assert!(
        end_session.starts_with(&format!("{}/session/end?", provider.issuer())),
        "{end_session}"
    );
    assert!(query_param(&end_session, "id_token_hint").is_some());
    assert_eq!(
        query_param(&end_session, "client_id").as_deref(),
        Some("app")
    );
    assert_eq!(client.get("/me").send().await.text(), "anonymous");

    let after = provider
        .confirm_logout(&mut browser, &end_session)
        .unwrap_or_else(|reply| {
            panic!("{} {}", reply.status, reply.body);
        });
    assert_eq!(after, AFTER_LOGOUT);

    // The provider's session is over: signing in again asks for the password.
    let authorize = begin(&client, "test", "/me").await;
    let reply = provider.page(&mut browser, &authorize);
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("password"), "{}", reply.body);
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn logout_without_a_provider_session_is_local() {
    let (_provider, app) = start(provider_options()).await;
    let client = app.test_client();
    let response = log_out(&client).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.location(), Some("/"));
}
