//! A provider that accepts the connection and never answers (slower than the
//! timeout), or answers with something that is not a discovery document: a 502
//! page, a `warn` line saying why, and nobody is logged in. A bare socket on loopback plays the provider.
#![forbid(unsafe_code)]

mod common;

use std::time::Duration;

use common::*;
use framework_core::prelude::*;
use framework_identity::oidc::{Oidc, Provider};
use test_support::logs::Capture;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tracing::Instrument;

/// A "provider" on a free loopback port that answers each request with `answer`,
/// or keeps the connection open without a word when there is none.
async fn fake_provider(answer: Option<&'static str>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut silent = Vec::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            match answer {
                Some(answer) => {
                    let _ = socket.write_all(answer.as_bytes()).await;
                }
                None => silent.push(socket),
            }
        }
    });
    issuer
}

/// The app with provider `test` at `issuer`, giving up after half a second.
async fn app_for(issuer: &str) -> App {
    let oidc = Oidc::builder()
        .provider(
            Provider::discover("test", issuer)
                .client("app", "app-secret")
                .redirect_uri(CALLBACK),
        )
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    app(oidc).await
}

/// The login route's answer is `502` with the app's sign-in error page saying
/// `says`, it logged why (`logged`), and the visitor is still anonymous.
async fn login_is_502(issuer: &str, says: &str, logged: &str) {
    let client = app_for(issuer).await.test_client();
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
        response.text().starts_with("sign-in failed: ") && response.text().contains(says),
        "{}",
        response.text()
    );
    let lines = capture.lines();
    let failed: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("sign-in failed"))
        .collect();
    assert_eq!(failed.len(), 1, "{lines:#?}");
    let line = failed[0];
    assert!(line.contains(" WARN "), "{line}");
    assert!(
        line.contains("provider=\"test\"") && line.contains("status=502"),
        "{line}"
    );
    assert!(line.contains(logged), "{line}");
    assert_eq!(client.get("/me").send().await.text(), "anonymous");
}

#[tokio::test]
async fn a_provider_slower_than_the_timeout_is_502() {
    let issuer = fake_provider(None).await;
    login_is_502(
        &issuer,
        "cannot be reached",
        "the provider cannot be reached",
    )
    .await;
}

#[tokio::test]
async fn a_malformed_discovery_document_is_502() {
    let issuer = fake_provider(Some(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 14\r\nconnection: close\r\n\r\n{\"issuer\": tru",
    ))
    .await;
    login_is_502(
        &issuer,
        "could not be verified",
        "the provider's answer is malformed",
    )
    .await;
}
