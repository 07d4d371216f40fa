//! Every way a sign-in can fail, against the real `oidc-provider`: each is a clear
//! 4xx or 502 page from the app's own error handler, a `warn` line in the log
//! saying why, and nobody is logged in.
#![forbid(unsafe_code)]

mod common;

use std::time::Duration;

use common::*;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use test_support::http::Browser;
use test_support::logs::Capture;
use test_support::oidc::ProviderOptions;
use tracing::Instrument;

/// The callback's answer is `status`, the app's sign-in error page that `says` so,
/// the request logged one `warn` line naming the provider, the status and why
/// (`logged`), and the visitor is still anonymous.
async fn assert_refused(
    client: &TestClient,
    callback: &str,
    status: StatusCode,
    says: &str,
    logged: &str,
) {
    let capture = Capture::new();
    let response = client.get(callback).send().instrument(capture.span()).await;
    assert_eq!(response.status(), status, "{}", response.text());
    assert!(
        response.text().starts_with("sign-in failed: "),
        "{}",
        response.text()
    );
    assert!(response.text().contains(says), "{}", response.text());
    assert_logged(&capture, status, logged);
    assert_eq!(client.get("/me").send().await.text(), "anonymous");
}

/// One `warn` line of a failed sign-in at provider `test`, with `status` and an
/// error that says `why`.
fn assert_logged(capture: &Capture, status: StatusCode, why: &str) {
    let lines = capture.lines();
    let failed: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("sign-in failed"))
        .collect();
    assert_eq!(failed.len(), 1, "{lines:#?}");
    let line = failed[0];
    assert!(line.contains(" WARN "), "{line}");
    assert!(line.contains("provider=\"test\""), "{line}");
    assert!(
        line.contains(&format!("status={}", status.as_u16())),
        "{line}"
    );
    assert!(line.contains(why), "{line}");
    assert!(!lines.iter().any(|l| l.contains("signed in")), "{lines:#?}");
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_forged_or_missing_state_is_400() {
    let (provider, app) = start(provider_options()).await;
    let client = app.test_client();
    let callback = sign_in_until_callback(&provider, &client, "test").await;
    let forged = with_param(&callback, "state", "forged");
    assert_refused(
        &client,
        &forged,
        StatusCode::BAD_REQUEST,
        "stale or was not started here",
        "matches no sign-in this session started",
    )
    .await;
    let code = query_param(&callback, "code").unwrap();
    let no_state = format!("/auth/oidc/test/callback?code={code}");
    assert_refused(
        &client,
        &no_state,
        StatusCode::BAD_REQUEST,
        "stale",
        "matches no sign-in this session started",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_callback_from_another_browser_or_a_replay_is_400() {
    let (provider, app) = start(provider_options()).await;
    let victim = app.test_client();
    let callback = sign_in_until_callback(&provider, &victim, "test").await;
    // Another browser (no sign-in started there) cannot use the callback.
    let attacker = app.test_client();
    assert_refused(
        &attacker,
        &callback,
        StatusCode::BAD_REQUEST,
        "stale",
        "matches no sign-in this session started",
    )
    .await;
    // The sign-in works once in its own browser…
    finish_sign_in(&victim, &callback).await;
    // …and not twice.
    log_out(&victim).await;
    assert_refused(
        &victim,
        &callback,
        StatusCode::BAD_REQUEST,
        "stale",
        "matches no sign-in this session started",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn an_expired_code_is_400() {
    let (provider, app) = start(ProviderOptions {
        code_ttl: Some(1),
        ..provider_options()
    })
    .await;
    let client = app.test_client();
    let callback = sign_in_until_callback(&provider, &client, "test").await;
    // The code lives one second at this provider.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_refused(
        &client,
        &callback,
        StatusCode::BAD_REQUEST,
        "took too long or was already used",
        "the provider rejected the authorization code",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_provider_that_is_down_is_502() {
    // Down from the start: discovery fails at the login route.
    let nowhere = test_support::free_port();
    let app = app(oidc(
        &format!("http://127.0.0.1:{nowhere}"),
        Duration::from_secs(10),
    ))
    .await;
    let client = app.test_client();
    let capture = Capture::new();
    let response = client
        .get("/auth/oidc/test/login")
        .send()
        .instrument(capture.span())
        .await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_GATEWAY,
        "{}",
        response.text()
    );
    assert!(
        response.text().contains("cannot be reached"),
        "{}",
        response.text()
    );
    assert_logged(
        &capture,
        StatusCode::BAD_GATEWAY,
        "the provider cannot be reached",
    );
    assert_eq!(client.get("/me").send().await.text(), "anonymous");

    // Down between the authorization and the callback: the token call fails.
    let (mut provider, app) = start(provider_options()).await;
    let client = app.test_client();
    let callback = sign_in_until_callback(&provider, &client, "test").await;
    provider.stop();
    assert_refused(
        &client,
        &callback,
        StatusCode::BAD_GATEWAY,
        "cannot be reached",
        "the provider cannot be reached",
    )
    .await;
}

/// A sign-in at a provider started with `options` is refused at the callback with
/// `status` and a page that `says` so, and logged with why (`logged`).
async fn refused_at_callback(
    options: ProviderOptions,
    status: StatusCode,
    says: &str,
    logged: &str,
) {
    let (provider, app) = start(options).await;
    let client = app.test_client();
    let callback = sign_in_until_callback(&provider, &client, "test").await;
    assert_refused(&client, &callback, status, says, logged).await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_bad_signature_is_502() {
    let options = ProviderOptions {
        tamper: Some("signature".into()),
        ..provider_options()
    };
    refused_at_callback(
        options,
        StatusCode::BAD_GATEWAY,
        "could not be verified",
        "the ID token's signature does not verify",
    )
    .await;
}

/// An ID token re-signed by the provider's own key with `claims` changed, refused
/// and logged with why (`logged`).
async fn refused_with_claims(claims: &str, logged: &str) {
    let options = ProviderOptions {
        tamper: Some("claims".into()),
        tamper_claims: Some(claims.into()),
        ..provider_options()
    };
    refused_at_callback(
        options,
        StatusCode::BAD_GATEWAY,
        "could not be verified",
        logged,
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_token_for_another_audience_is_502() {
    refused_with_claims(
        r#"{"aud":"another-client"}"#,
        "the ID token is for another audience",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_token_from_another_issuer_is_502() {
    refused_with_claims(
        r#"{"iss":"http://127.0.0.1:1"}"#,
        "the ID token is from another issuer",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn an_expired_or_stale_id_token_is_502() {
    refused_with_claims(
        r#"{"exp":1000000000}"#,
        "the ID token is expired or not yet valid",
    )
    .await;
    // Issued an hour ago (and still valid by `exp`): too old to have just been made.
    let iat = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - 3600;
    refused_with_claims(
        &format!(r#"{{"iat":{iat}}}"#),
        "the ID token is expired or not yet valid",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_replayed_nonce_is_400() {
    let (provider, app) = start(provider_options()).await;
    // A first sign-in, whose nonce an attacker saw.
    let earlier = app.test_client();
    let old_authorize = begin(&earlier, "test", "/me").await;
    let old_nonce = query_param(&old_authorize, "nonce").unwrap();

    // The next sign-in's request reaches the provider with the old nonce: the ID
    // token comes back for that one, not for this sign-in.
    let client = app.test_client();
    let authorize = with_param(&begin(&client, "test", "/me").await, "nonce", &old_nonce);
    let callback = authorize_as(
        &provider,
        &mut Browser::new(provider.port),
        &authorize,
        "alice",
    );
    assert_refused(
        &client,
        &callback,
        StatusCode::BAD_REQUEST,
        "does not belong to the sign-in you started",
        "the ID token's nonce does not belong to this sign-in",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_refusal_at_the_provider_is_403() {
    let (provider, app) = start(provider_options()).await;
    let client = app.test_client();
    // `prompt=none` without a session at the provider: it answers `login_required`.
    let authorize = with_param(&begin(&client, "test", "/me").await, "prompt", "none");
    let callback = authorize_as(
        &provider,
        &mut Browser::new(provider.port),
        &authorize,
        "alice",
    );
    assert_eq!(
        query_param(&callback, "error").as_deref(),
        Some("login_required")
    );
    assert_refused(
        &client,
        &callback,
        StatusCode::FORBIDDEN,
        "cancelled or refused",
        "the provider refused the sign-in: login_required",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_callback_naming_another_issuer_is_400() {
    let (provider, app) = start(provider_options()).await;
    let client = app.test_client();
    let callback = sign_in_until_callback(&provider, &client, "test").await;
    assert!(
        query_param(&callback, "iss").is_some(),
        "the provider says who it is"
    );
    let mixed_up = with_param(&callback, "iss", "http%3A%2F%2F127.0.0.1%3A1");
    assert_refused(
        &client,
        &mixed_up,
        StatusCode::BAD_REQUEST,
        "does not belong",
        "not the one the sign-in went to",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn an_unknown_provider_is_404() {
    let (_provider, app) = start(provider_options()).await;
    let client = app.test_client();
    let response = client.get("/auth/oidc/nobody/login").send().await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response.text().contains("no such sign-in provider"),
        "{}",
        response.text()
    );
}
