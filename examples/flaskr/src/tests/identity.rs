//! Logging in with OpenID Connect, and the admin role.

use super::*;

#[tokio::test]
async fn openid_connect_is_off_unless_configured() {
    let flaskr = flaskr("oidc-off").await;
    let page = flaskr.client.get("/auth/login").send().await.text();
    assert!(!page.contains("OpenID Connect"), "{page}");
    let response = flaskr.client.get("/auth/oidc/login").send().await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn log_in_with_openid_connect() {
    use test_support::http::Browser;
    use test_support::oidc::{OidcProvider, ProviderOptions};

    let callback = "http://127.0.0.1:5000/auth/oidc/callback";
    let provider = OidcProvider::start(ProviderOptions {
        redirect_uris: vec![callback.to_owned()],
        ..ProviderOptions::default()
    });
    let issuer = provider.issuer();
    let settings = [
        ("OIDC_ISSUER", issuer.as_str()),
        ("OIDC_CLIENT_ID", "app"),
        ("OIDC_CLIENT_SECRET", "app-secret"),
        ("OIDC_REDIRECT_URI", callback),
    ];
    let flaskr = flaskr_configured("oidc", Backend::Sqlite, &settings).await;
    let page = flaskr.client.get("/auth/login").send().await.text();
    assert!(
        page.contains(r#"<a href="/auth/oidc/login">Log in with OpenID Connect</a>"#),
        "{page}"
    );

    let mut browser = Browser::new(provider.port);
    for round in 0..2 {
        let start = flaskr.client.get("/auth/oidc/login").send().await;
        assert_eq!(start.status(), StatusCode::SEE_OTHER, "{}", start.text());
        let back = provider
            .authorize(
                &mut browser,
                start.location().unwrap(),
                "alice",
                "alice-password",
            )
            .unwrap_or_else(|reply| panic!("{} {}", reply.status, reply.body));
        let path = back.strip_prefix("http://127.0.0.1:5000").unwrap();
        let finished = flaskr.client.get(path).send().await;
        assert_eq!(
            finished.status(),
            StatusCode::SEE_OTHER,
            "{}",
            finished.text()
        );
        assert_eq!(finished.location(), Some("/"));
        let index = flaskr.client.get("/").send().await.text();
        assert!(
            index.contains("<span>alice@example.test</span>"),
            "round {round}: {index}"
        );
        flaskr.client.get("/auth/logout").send().await;
    }
    // One user, found again the second time by the provider's subject.
    assert_eq!(flaskr.count("SELECT count(*) FROM identity").await, 1);
    assert_eq!(
        flaskr
            .count("SELECT count(*) FROM user WHERE username = 'alice@example.test'")
            .await,
        1
    );
    // That user has no password: no password logs in as them.
    let refused = flaskr.login("alice@example.test", "!").await;
    assert!(
        refused.text().contains("Incorrect password."),
        "{}",
        refused.text()
    );
}

#[tokio::test]
async fn an_admin_may_delete_any_post() {
    an_admin_may_delete_any_post_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn an_admin_may_delete_any_post_on_postgres() {
    an_admin_may_delete_any_post_on(Backend::Postgres).await;
}

async fn an_admin_may_delete_any_post_on(backend: Backend) {
    let app = flaskr_on("admin", backend).await;
    // `other` is no admin: `test`'s post stays.
    app.login("other", "other").await;
    assert_eq!(
        app.post("/1/delete", &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.count("SELECT count(*) FROM post").await, 1);
    // Made an admin, `other` may delete it (and still may not edit it).
    app.execute(r#"UPDATE "user" SET admin = TRUE WHERE username = 'other'"#)
        .await;
    assert_eq!(app.post("/1/delete", &[]).await.status(), StatusCode::FOUND);
    assert_eq!(app.count("SELECT count(*) FROM post").await, 0);
}
