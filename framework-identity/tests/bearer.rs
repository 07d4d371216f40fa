//! Bearer tokens for JSON APIs: signed JWTs (a shared secret here; a provider's
//! JWKS in `bearer_provider.rs`) and opaque API keys looked up by digest, scopes
//! checked by type, and a session cookie that never stands in for a token.

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_identity::bearer::{
    ApiKeys, Bearer, Principal, RequireScope, TokenAuth, generate_api_key, hash_api_key,
};
use framework_sessions::{CsrfLayer, Session};
use jsonwebtoken::{EncodingKey, Header, encode};
use serde_json::json;

framework_identity::scopes! {
    pub ReadPosts = "posts:read";
    pub WritePosts = "posts:write";
}

const SECRET: &[u8] = b"bearer-tests-shared-secret-0123456789";
const ISSUER: &str = "https://issuer.test";
const AUDIENCE: &str = "posts-api";

/// API keys by digest: what a table of them would hold.
struct Keys(Vec<(String, Principal)>);

impl ApiKeys for Keys {
    async fn find(&self, digest: &str) -> Result<Option<Principal>> {
        Ok(self
            .0
            .iter()
            .find(|(d, _)| d == digest)
            .map(|(_, p)| p.clone()))
    }
}

#[get("/api/whoami")]
async fn whoami(token: Bearer) -> String {
    format!("{} {:?}", token.subject, token.scopes)
}

#[get("/api/posts")]
async fn posts(token: RequireScope<ReadPosts>) -> String {
    format!("posts for {}", token.subject)
}

#[post("/api/posts")]
async fn create_post(token: RequireScope<WritePosts>) -> String {
    format!("created by {}", token.subject)
}

/// Logs in with the session (to show a cookie does not authenticate the API).
#[get("/test-login")]
async fn login(session: Session) -> Result<&'static str> {
    session.log_in("cookie-user").await?;
    Ok("logged in")
}

fn jwt(claims: serde_json::Value) -> String {
    encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(SECRET).unwrap(),
    )
    .unwrap()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn claims(scope: &str) -> serde_json::Value {
    json!({"sub": "svc", "iss": ISSUER, "aud": AUDIENCE, "exp": now() + 300, "scope": scope})
}

async fn client(api_key: &str) -> TestClient {
    let tokens = TokenAuth::builder()
        .jwt_secret(SECRET, ISSUER, AUDIENCE)
        .api_keys(Keys(vec![(
            hash_api_key(api_key),
            Principal::new("ci-bot", ["posts:read"]),
        )]))
        .build()
        .unwrap();
    let config = Config::from_vars([("SECRET_KEY", "bearer-tests-secret-key")]).unwrap();
    let app = App::new()
        .register(routes![whoami, posts, create_post, login])
        .extension(tokens);
    // Token-authenticated routes need no CSRF token: a cross-site page cannot set
    // an `Authorization` header.
    framework_sessions::install_with(app, &config, CsrfLayer::new().exempt("/api/"))
        .await
        .unwrap()
        .test_client()
}

async fn get(
    client: &TestClient,
    path: &str,
    token: &str,
) -> framework_core::testing::TestResponse {
    client
        .get(path)
        .header("authorization", &format!("Bearer {token}"))
        .send()
        .await
}

#[tokio::test]
async fn a_valid_jwt_with_the_scope_passes() {
    let client = client("unused").await;
    let token = jwt(claims("posts:read posts:write"));
    assert_eq!(
        get(&client, "/api/posts", &token).await.text(),
        "posts for svc"
    );
    let response = client
        .post("/api/posts")
        .header("authorization", &format!("Bearer {token}"))
        .send()
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{}", response.text());
    assert_eq!(response.text(), "created by svc");
    assert_eq!(
        get(&client, "/api/whoami", &token).await.text(),
        "svc [\"posts:read\", \"posts:write\"]"
    );
}

#[tokio::test]
async fn no_token_is_401_with_a_challenge() {
    let client = client("unused").await;
    let response = client.get("/api/posts").send().await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.header("www-authenticate"),
        Some("Bearer realm=\"api\"")
    );
}

#[tokio::test]
async fn a_session_cookie_does_not_authenticate_the_api() {
    let client = client("unused").await;
    assert_eq!(client.get("/test-login").send().await.text(), "logged in");
    let response = client.get("/api/whoami").send().await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_bad_token_is_401_invalid_token() {
    let client = client("unused").await;
    let other_key = encode(
        &Header::default(),
        &claims("posts:read"),
        &EncodingKey::from_secret(b"another-secret-entirely-0123456789").unwrap(),
    )
    .unwrap();
    let expired = jwt(
        json!({"sub": "svc", "iss": ISSUER, "aud": AUDIENCE, "exp": now() - 3600, "scope": "posts:read"}),
    );
    let wrong_audience =
        jwt(json!({"sub": "svc", "iss": ISSUER, "aud": "other-api", "exp": now() + 300}));
    let wrong_issuer =
        jwt(json!({"sub": "svc", "iss": "https://evil.test", "aud": AUDIENCE, "exp": now() + 300}));
    for (token, why) in [
        (other_key.as_str(), "InvalidSignature"),
        (expired.as_str(), "ExpiredSignature"),
        (wrong_audience.as_str(), "InvalidAudience"),
        (wrong_issuer.as_str(), "InvalidIssuer"),
        ("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "algorithm"),
        ("garbage", "unknown API key"),
    ] {
        let response = get(&client, "/api/posts", token).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{why}");
        let challenge = response
            .header("www-authenticate")
            .unwrap_or_default()
            .to_owned();
        assert!(
            challenge.starts_with("Bearer realm=\"api\", error=\"invalid_token\""),
            "{challenge}"
        );
        assert!(
            challenge.to_lowercase().contains(&why.to_lowercase())
                || why == "algorithm" && challenge.contains("error_description"),
            "{why}: {challenge}"
        );
    }
}

#[tokio::test]
async fn a_token_without_the_scope_is_403_insufficient_scope() {
    let client = client("unused").await;
    let token = jwt(claims("posts:read"));
    let response = client
        .post("/api/posts")
        .header("authorization", &format!("Bearer {token}"))
        .send()
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        response.header("www-authenticate"),
        Some("Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"posts:write\"")
    );
}

#[tokio::test]
async fn api_keys_are_found_by_digest_with_their_scopes() {
    let key = generate_api_key("fk_");
    let client = client(&key).await;
    assert_eq!(
        get(&client, "/api/posts", &key).await.text(),
        "posts for ci-bot"
    );
    let response = client
        .post("/api/posts")
        .header("authorization", &format!("Bearer {key}"))
        .send()
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = get(&client, "/api/posts", "fk_not-a-key").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // The digest is what is kept, never the key.
    assert_ne!(hash_api_key(&key), key);
}
