//! Bearer-token authentication for JSON APIs: signed tokens (JWTs, with a
//! configured key or a provider's JWKS) and opaque API keys (looked up by digest
//! through [`ApiKeys`]); scopes checked by type like permissions.
//!
//! Only the `Authorization: Bearer …` header authenticates: a session cookie never
//! does, so a cross-site form cannot reach a token-guarded route. A request with a
//! bearer token skips the CSRF check by itself, and the session's login does not
//! count for it (`CurrentUser` is `None`): it is authenticated by its token or not
//! at all.

mod jwt;
mod keys;
mod principal;
mod scopes;

pub use keys::{ApiKeys, generate_api_key, hash_api_key};
pub use principal::Principal;
pub use scopes::Scope;

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRequestParts;
use framework_core::Error;
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};
use jsonwebtoken::{Algorithm, DecodingKey};

use crate::oidc::SetupError;
use jwt::{Jwt, KeySource};
use keys::DynApiKeys;

/// How the app checks bearer tokens: register with `App::extension(tokens)`.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_identity::bearer::{RequireScope, TokenAuth};
///
/// framework_identity::scopes! { pub ReadPosts = "posts:read"; }
///
/// #[get("/api/posts")]
/// async fn posts(token: RequireScope<ReadPosts>) -> String {
///     format!("posts for {}", token.subject)
/// }
///
/// let tokens = TokenAuth::builder()
///     .jwt_secret(b"a shared secret of 32 bytes or more!", "https://issuer.example", "my-api")
///     .build()
///     .unwrap();
/// let app = App::new().register(routes![posts]).extension(tokens);
/// # let _ = app;
/// ```
#[derive(Clone)]
pub struct TokenAuth(Arc<Inner>);

struct Inner {
    jwt: Option<Jwt>,
    keys: Option<Box<dyn DynApiKeys>>,
    realm: String,
}

/// Builds a [`TokenAuth`].
pub struct TokenAuthBuilder {
    jwt: Option<Result<Jwt, SetupError>>,
    keys: Option<Box<dyn DynApiKeys>>,
    realm: String,
}

impl TokenAuth {
    /// A builder accepting no tokens yet.
    pub fn builder() -> TokenAuthBuilder {
        TokenAuthBuilder {
            jwt: None,
            keys: None,
            realm: "api".to_owned(),
        }
    }

    /// The principal of a bearer token, or why it is refused.
    async fn authenticate(&self, token: &str) -> Result<Principal, Error> {
        let looks_like_jwt = token.starts_with("eyJ") && token.matches('.').count() == 2;
        match (&self.0.jwt, &self.0.keys) {
            (Some(jwt), _) if looks_like_jwt => {
                jwt.verify(token).await.map_err(|why| self.invalid(&why))
            }
            (_, Some(keys)) => match keys.find_dyn(&hash_api_key(token)).await? {
                Some(principal) => Ok(principal),
                None => Err(self.invalid("unknown API key")),
            },
            _ => Err(self.invalid("not a token this API accepts")),
        }
    }

    fn challenge(&self, extra: &str) -> HeaderValue {
        let value = format!("Bearer realm=\"{}\"{extra}", self.0.realm);
        HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("Bearer"))
    }

    /// 401 for a missing token (RFC 6750: no error code).
    fn missing(&self) -> Error {
        Error::from_status(StatusCode::UNAUTHORIZED)
            .with_message("This API needs a bearer token (`Authorization: Bearer …`).")
            .with_header(header::WWW_AUTHENTICATE, self.challenge(""))
    }

    /// 401 for a token that does not verify.
    fn invalid(&self, why: &str) -> Error {
        tracing::info!(reason = why, "bearer token refused");
        let why = why.replace(['"', '\\'], "'");
        Error::from_status(StatusCode::UNAUTHORIZED)
            .with_message("The bearer token is invalid or expired.")
            .with_header(
                header::WWW_AUTHENTICATE,
                self.challenge(&format!(
                    ", error=\"invalid_token\", error_description=\"{why}\""
                )),
            )
    }

    /// 403 for a valid token without the scope.
    fn insufficient(&self, scope: &str) -> Error {
        Error::from_status(StatusCode::FORBIDDEN)
            .with_message(format!("The bearer token lacks the scope `{scope}`."))
            .with_header(
                header::WWW_AUTHENTICATE,
                self.challenge(&format!(
                    ", error=\"insufficient_scope\", scope=\"{scope}\""
                )),
            )
    }
}

const HMAC: &[Algorithm] = &[Algorithm::HS256, Algorithm::HS384, Algorithm::HS512];
const PUBLIC_KEY: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

impl TokenAuthBuilder {
    /// Accepts JWTs signed with this shared secret (HS256/384/512) by `issuer`
    /// for `audience`.
    pub fn jwt_secret(mut self, secret: &[u8], issuer: &str, audience: &str) -> Self {
        self.jwt = Some(
            DecodingKey::from_secret(secret)
                .map(|key| Jwt::new(KeySource::Fixed(key), HMAC, issuer, audience))
                .map_err(|e| SetupError::new(format!("bearer tokens: the shared secret: {e}"))),
        );
        self
    }

    /// Accepts JWTs signed with this RSA key (PEM, RS/PS algorithms).
    pub fn jwt_rsa_pem(mut self, pem: &[u8], issuer: &str, audience: &str) -> Self {
        self.jwt = Some(
            DecodingKey::from_rsa_pem(pem)
                .map(|key| Jwt::new(KeySource::Fixed(key), &PUBLIC_KEY[..6], issuer, audience))
                .map_err(|e| SetupError::new(format!("bearer tokens: the RSA key: {e}"))),
        );
        self
    }

    /// Accepts JWTs signed by a key of the JWKS at `jwks_url` (an OpenID provider's
    /// `jwks_uri`), fetched when first needed and again when a token names a key it
    /// lacks, at most every `refresh` (public-key algorithms only: a JWKS never
    /// makes a shared secret of a public key).
    pub fn jwt_jwks(
        mut self,
        jwks_url: &str,
        issuer: &str,
        audience: &str,
        refresh: Duration,
    ) -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .pool_max_idle_per_host(0)
            .build();
        self.jwt = Some(
            http.map(|http| {
                Jwt::new(
                    KeySource::Jwks {
                        url: jwks_url.to_owned(),
                        http,
                        cached: tokio::sync::Mutex::new(None),
                        refresh,
                    },
                    PUBLIC_KEY,
                    issuer,
                    audience,
                )
            })
            .map_err(|e| SetupError::new(format!("bearer tokens: the HTTP client: {e}"))),
        );
        self
    }

    /// Accepts opaque API keys found in `keys` by digest.
    pub fn api_keys(mut self, keys: impl ApiKeys) -> Self {
        self.keys = Some(Box::new(keys));
        self
    }

    /// The `realm` of the `WWW-Authenticate` challenges (default `api`).
    pub fn realm(mut self, realm: &str) -> Self {
        self.realm = realm.to_owned();
        self
    }

    /// The verifier; an error names what is wrong.
    pub fn build(self) -> Result<TokenAuth, SetupError> {
        let jwt = self.jwt.transpose()?;
        if jwt.is_none() && self.keys.is_none() {
            return Err(SetupError::new(
                "bearer tokens: neither a JWT key nor an API key store is configured",
            ));
        }
        Ok(TokenAuth(Arc::new(Inner {
            jwt,
            keys: self.keys,
            realm: self.realm,
        })))
    }
}

/// A request authenticated by a valid bearer token: its [`Principal`]. Without a
/// token, or with one that does not verify, the answer is a 401 with an RFC 6750
/// `WWW-Authenticate` challenge; a session cookie does not count.
pub struct Bearer(pub Principal);

/// A valid bearer token carrying scope `S`; without that scope, a 403 with
/// `error="insufficient_scope"`.
pub struct RequireScope<S>(pub Principal, pub PhantomData<S>);

impl std::ops::Deref for Bearer {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.0
    }
}

impl<S> std::ops::Deref for RequireScope<S> {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.0
    }
}

async fn bearer(parts: &Parts) -> Result<(TokenAuth, Principal), Error> {
    let auth = parts
        .extensions
        .get::<TokenAuth>()
        .cloned()
        .ok_or_else(|| {
            Error::from_status(StatusCode::INTERNAL_SERVER_ERROR).with_message(
            "bearer tokens are not set up: add the `TokenAuth` to the app with `App::extension`",
        )
        })?;
    let Some(token) = framework_sessions::bearer_token(&parts.headers) else {
        return Err(auth.missing());
    };
    let principal = auth.authenticate(token).await?;
    Ok((auth, principal))
}

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        bearer(parts).await.map(|(_, principal)| Bearer(principal))
    }
}

impl<Sc: Scope, S: Send + Sync> FromRequestParts<S> for RequireScope<Sc> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let (auth, principal) = bearer(parts).await?;
        if principal.has::<Sc>() {
            Ok(RequireScope(principal, PhantomData))
        } else {
            Err(auth.insufficient(Sc::NAME))
        }
    }
}
