//! Two instances of the app behind nginx, sharing sessions through Redis: a
//! sign-in started on one instance finishes on the other, and both see it; a
//! logout on either ends it for both. `cargo xtask test` starts Redis
//! (`REDIS_URL`) and installs nginx and oidc-provider; this test starts the
//! provider, the instances and nginx on free loopback ports.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::*;
use test_support::http::Browser;
use test_support::nginx::start_nginx;
use test_support::oidc::{OidcProvider, ProviderOptions};
use test_support::{free_port, temp_dir};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs oidc-provider, redis and nginx: run via cargo xtask test"]
async fn a_sign_in_is_shared_by_instances_behind_nginx() {
    let redis = std::env::var("REDIS_URL").expect("REDIS_URL (cargo xtask test sets it)");
    let front = free_port();
    let callback = format!("http://127.0.0.1:{front}/auth/oidc/test/callback");
    let after_logout = format!("http://127.0.0.1:{front}/goodbye");
    let provider = OidcProvider::start(ProviderOptions {
        redirect_uris: vec![callback.clone()],
        post_logout_uris: vec![after_logout],
        ..ProviderOptions::default()
    });

    let directory = Directory::default();
    let mut ports = Vec::new();
    for name in ["a", "b"] {
        let oidc = oidc_for(&provider.issuer(), &callback, Duration::from_secs(10));
        let app = app_with(oidc, &[("SESSION_STORE", &redis)], directory.clone(), name).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        ports.push(listener.local_addr().unwrap().port());
        tokio::spawn(app.serve_with_shutdown(listener, std::future::pending()));
    }
    let dir = temp_dir("identity-nginx");
    let _nginx = start_nginx(&dir, front, &ports);

    // The browser's side runs on the blocking pool: the instances keep serving.
    let issuer = provider.issuer();
    tokio::task::spawn_blocking(move || {
        let mut site = Browser::new(front);
        let mut at_provider = Browser::new(provider.port);
        let mut instances = BTreeSet::new();
        let mut note = |site: &mut Browser| {
            instances.insert(site.request("GET", "/instance", None).body);
        };

        let start = site.request("GET", "/auth/oidc/test/login?next=/me", None);
        assert_eq!(start.status, 303, "{}", start.body);
        let authorize = start.header("location").unwrap().to_owned();
        assert!(authorize.starts_with(&issuer), "{authorize}");
        note(&mut site);
        let back = provider
            .authorize(&mut at_provider, &authorize, "alice", "alice-password")
            .unwrap_or_else(|reply| panic!("{} {}", reply.status, reply.body));
        let path = back
            .strip_prefix(&format!("http://127.0.0.1:{front}"))
            .unwrap();
        let finished = site.request("GET", path, None);
        assert_eq!(finished.status, 303, "{}", finished.body);
        assert_eq!(finished.header("location"), Some("/me"));

        for _ in 0..4 {
            let me = site.request("GET", "/me", None);
            assert_eq!(
                me.body,
                "test:alice <alice@example.test> roles=[\"editor\"]"
            );
            note(&mut site);
        }
        assert_eq!(instances.len(), 2, "both instances answered: {instances:?}");

        let token = site.request("GET", "/csrf", None).body;
        let logout = site.request("POST", "/logout", Some(&[("csrf_token", &token)]));
        assert_eq!(logout.status, 303, "{}", logout.body);
        for _ in 0..2 {
            assert_eq!(site.request("GET", "/me", None).body, "anonymous");
        }
    })
    .await
    .unwrap();
}
