//! The provider rotates its signing key (a restart of `oidc-provider` makes a new
//! one): the app fetches the keys again when a token names a key it lacks, but not
//! more often than its refresh interval.
#![forbid(unsafe_code)]

mod common;

use std::time::Duration;

use common::*;
use framework_core::prelude::*;

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn a_rotated_key_is_fetched_and_sign_in_goes_on() {
    let mut provider = test_support::oidc::OidcProvider::start(provider_options());
    let app = app(oidc(&provider.issuer(), Duration::ZERO)).await;

    sign_in(&provider, &app.test_client()).await;

    provider.restart();
    let client = app.test_client();
    sign_in(&provider, &client).await;
    assert_eq!(
        client.get("/me").send().await.text(),
        "test:alice <alice@example.test> roles=[\"editor\"]"
    );
    // The restarted provider was asked for its keys once, by the app that met a
    // token signed with a key it did not know.
    assert_eq!(provider.stats().0, 1);

    // Its keys are kept again afterwards.
    sign_in(&provider, &app.test_client()).await;
    assert_eq!(provider.stats().0, 1);
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn unknown_keys_are_not_fetched_more_often_than_the_interval() {
    let mut provider = test_support::oidc::OidcProvider::start(provider_options());
    let app = app(oidc(&provider.issuer(), Duration::from_secs(3600))).await;

    sign_in(&provider, &app.test_client()).await;

    // The keys were fetched moments ago: a token naming an unknown key is refused
    // rather than making the app ask again (forged tokens cannot flood the provider).
    provider.restart();
    let client = app.test_client();
    let callback = sign_in_until_callback(&provider, &client, "test").await;
    let response = client.get(&callback).send().await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_GATEWAY,
        "{}",
        response.text()
    );
    assert_eq!(client.get("/me").send().await.text(), "anonymous");
    assert_eq!(provider.stats().0, 0);
}
