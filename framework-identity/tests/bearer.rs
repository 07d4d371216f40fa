//! Bearer tokens for JSON APIs: signed JWTs (a shared secret or an RSA key here; a
//! provider's JWKS in `bearer_provider.rs`) and opaque API keys looked up by digest,
//! scopes checked by type (as extractors and as `requires = ..`), no CSRF check for
//! a request with a token, and a session cookie that never stands in for a token.
#![forbid(unsafe_code)]

use framework_core::config::Config;
use framework_core::http::request::Parts;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_identity::bearer::{
    ApiKeys, Bearer, Principal, RequireScope, TokenAuth, generate_api_key, hash_api_key,
};
use framework_sessions::{CurrentUser, Session, User};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
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

/// The scope as the route's attribute.
#[get("/api/posts/<id>/draft", requires = WritePosts)]
async fn draft(id: i64) -> String {
    format!("the draft of post {id}")
}

/// Any valid token may post here: no scope, so no other reason for a refusal than
/// the token itself (or a CSRF check, were it made).
#[post("/api/echo")]
async fn echo(token: Bearer, body: String) -> String {
    format!("{}: {body}", token.subject)
}

/// Logs in with the session (to show a cookie does not authenticate the API).
#[get("/test-login")]
async fn login(session: Session) -> Result<&'static str> {
    session.log_in("cookie-user").await?;
    Ok("logged in")
}

/// The session's CSRF token, for a form the test posts.
#[get("/test-csrf")]
async fn csrf(session: Session) -> Result<String> {
    session.csrf_token().await
}

/// A page of the cookie-session part of the app.
#[post("/profile")]
async fn profile(user: CurrentUser<Visitor>) -> String {
    match user.0 {
        Some(Visitor(name)) => format!("profile of {name}"),
        None => "no one is logged in".to_owned(),
    }
}

/// The session's user: whoever logged in.
#[derive(Clone)]
struct Visitor(String);

impl User for Visitor {
    type Id = String;

    async fn load(id: String, _parts: &mut Parts) -> Result<Option<Self>> {
        Ok(Some(Visitor(id)))
    }

    fn login_url() -> Url {
        Url::from_path("/login")
    }
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
        .register(routes![
            whoami,
            posts,
            create_post,
            draft,
            echo,
            login,
            csrf,
            profile
        ])
        .extension(tokens);
    // CSRF protection on, with no path exempt.
    framework_sessions::install(app, &config)
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

#[tokio::test]
async fn a_scope_required_by_attribute_is_checked_like_the_extractor() {
    let client = client("unused").await;
    let writer = jwt(claims("posts:read posts:write"));
    let reader = jwt(claims("posts:read"));
    assert_eq!(
        get(&client, "/api/posts/7/draft", &writer).await.text(),
        "the draft of post 7"
    );
    let response = get(&client, "/api/posts/7/draft", &reader).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        response.header("www-authenticate"),
        Some("Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"posts:write\"")
    );
    let response = client.get("/api/posts/7/draft").send().await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.header("www-authenticate"),
        Some("Bearer realm=\"api\"")
    );
}

#[tokio::test]
async fn requests_with_a_jwt_or_an_api_key_skip_the_csrf_check() {
    let key = generate_api_key("fk_");
    let client = client(&key).await;
    // Cookie-less API clients: no CSRF token, and a cross-site `Origin` even.
    for (token, subject) in [(jwt(claims("")), "svc"), (key.clone(), "ci-bot")] {
        let response = client
            .post("/api/echo")
            .header("authorization", &format!("Bearer {token}"))
            .header("origin", "https://elsewhere.example")
            .body("hello")
            .send()
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{}", response.text());
        assert_eq!(response.text(), format!("{subject}: hello"));
    }
}

#[tokio::test]
async fn a_cookie_session_never_authenticates_a_token_route() {
    let client = client("unused").await;
    assert_eq!(client.get("/test-login").send().await.text(), "logged in");
    let token = client.get("/test-csrf").send().await.text();
    // With the session's CSRF token the form passes the CSRF check, and the route
    // still wants a token.
    let response = client
        .post("/api/echo")
        .header("x-csrf-token", &token)
        .body("hello")
        .send()
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.header("www-authenticate"),
        Some("Bearer realm=\"api\"")
    );
}

#[tokio::test]
async fn a_request_with_a_token_is_not_authenticated_by_the_cookie() {
    let client = client("unused").await;
    assert_eq!(client.get("/test-login").send().await.text(), "logged in");
    let token = client.get("/test-csrf").send().await.text();
    let response = client
        .post("/profile")
        .header("x-csrf-token", &token)
        .send()
        .await;
    assert_eq!(response.text(), "profile of cookie-user");
    // Without a CSRF token the cookie session's form is refused ...
    let response = client.post("/profile").send().await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().contains("CSRF"), "{}", response.text());
    // ... and a bearer header, which skips the check, leaves the cookie's login out.
    let response = client
        .post("/profile")
        .header("authorization", "Bearer not-a-real-token")
        .send()
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text(), "no one is logged in");
}

/// A fresh RSA key pair in PEM (private, public), made by the `openssl` tool.
fn rsa_key_pair(name: &str) -> (Vec<u8>, Vec<u8>) {
    let dir = std::env::temp_dir().join(format!(
        "framework-identity-rsa-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let private = dir.join("private.pem");
    let public = dir.join("public.pem");
    let run = |args: &[&std::ffi::OsStr]| {
        let status = std::process::Command::new("openssl")
            .args(args)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("the `openssl` tool makes the test's RSA keys: install it (Debian: openssl)");
        assert!(status.success(), "openssl {args:?}");
    };
    run(&[
        "genpkey".as_ref(),
        "-algorithm".as_ref(),
        "RSA".as_ref(),
        "-pkeyopt".as_ref(),
        "rsa_keygen_bits:2048".as_ref(),
        "-out".as_ref(),
        private.as_os_str(),
    ]);
    run(&[
        "pkey".as_ref(),
        "-in".as_ref(),
        private.as_os_str(),
        "-pubout".as_ref(),
        "-out".as_ref(),
        public.as_os_str(),
    ]);
    let pair = (
        std::fs::read(&private).unwrap(),
        std::fs::read(&public).unwrap(),
    );
    std::fs::remove_dir_all(&dir).unwrap();
    pair
}

#[tokio::test]
async fn jwts_signed_with_an_rsa_key_verify_against_its_public_pem() {
    let (private, public) = rsa_key_pair("signer");
    let (other_private, _) = rsa_key_pair("other");
    let tokens = TokenAuth::builder()
        .jwt_rsa_pem(&public, ISSUER, AUDIENCE)
        .build()
        .unwrap();
    let client = App::new()
        .register(routes![posts])
        .extension(tokens)
        .test_client();
    let sign =
        |alg, key: &EncodingKey| encode(&Header::new(alg), &claims("posts:read"), key).unwrap();
    let key = EncodingKey::from_rsa_pem(&private).unwrap();
    for alg in [Algorithm::RS256, Algorithm::PS512] {
        let response = get(&client, "/api/posts", &sign(alg, &key)).await;
        assert_eq!(response.text(), "posts for svc", "{alg:?}");
    }

    let other = EncodingKey::from_rsa_pem(&other_private).unwrap();
    // The public key used as an HMAC secret: the classic algorithm confusion.
    let confused = EncodingKey::from_secret(&public).unwrap();
    for (token, why) in [
        (sign(Algorithm::RS256, &other), "InvalidSignature"),
        (
            sign(Algorithm::HS256, &confused),
            "algorithm HS256 is not accepted",
        ),
    ] {
        let response = get(&client, "/api/posts", &token).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{why}");
        let challenge = response.header("www-authenticate").unwrap_or_default();
        assert!(challenge.contains(why), "{why}: {challenge}");
    }
}

#[test]
fn a_malformed_rsa_pem_is_a_setup_error_naming_it() {
    let error = TokenAuth::builder()
        .jwt_rsa_pem(
            b"-----BEGIN PUBLIC KEY-----\nnot base64\n",
            ISSUER,
            AUDIENCE,
        )
        .build()
        .err()
        .expect("a bad key does not build");
    assert!(
        error.to_string().contains("bearer tokens: the RSA key"),
        "{error}"
    );
}
