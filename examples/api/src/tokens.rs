//! Who may write: bearer tokens with scopes, as signed JWTs and as API keys.
//!
//! - `NOTES_API_KEY`: an API key with both scopes (kept only as its SHA-256 digest).
//! - `NOTES_JWT_SECRET` (32 bytes or more): accept JWTs signed with this shared
//!   secret (HS256), or `NOTES_JWT_JWKS_URL`: accept JWTs signed by a key of this
//!   JWKS, an OpenID provider's `jwks_uri` (RS256, ES256, …), fetched when first
//!   needed and again when a token names a key it lacks (the provider rotated).
//!   Either needs `NOTES_JWT_ISSUER` (the `iss` tokens must carry); their `aud` must
//!   be `NOTES_JWT_AUDIENCE` (default `notes-api`). A token's `scope` claim
//!   (space-separated) or `scp` (a list) gives its scopes.
//!
//! With none of them set, a new API key is made and printed at startup.

// ANCHOR: uses
use std::time::{Duration, SystemTime};

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_identity::bearer::{ApiKeys, Principal, Scope, TokenAuth, hash_api_key};
use framework_identity::oidc::SetupError;
// ANCHOR_END: uses

// ANCHOR: scopes
framework_identity::scopes! {
    /// Create and change notes.
    pub WriteNotes = "notes:write";
    /// Delete notes.
    pub DeleteNotes = "notes:delete";
}
// ANCHOR_END: scopes

// ANCHOR: keys
/// An API key as the app keeps it: its digest, whom it speaks for, until when.
pub struct ApiKey {
    pub digest: String,
    pub principal: Principal,
    pub expires: Option<SystemTime>,
}

/// The API keys (a database table in a bigger app).
pub struct Keys(pub Vec<ApiKey>);

impl ApiKeys for Keys {
    async fn find(&self, digest: &str) -> Result<Option<Principal>> {
        let now = SystemTime::now();
        Ok(self
            .0
            .iter()
            .find(|key| key.digest == digest)
            // An expired key is refused like an unknown one.
            .filter(|key| key.expires.is_none_or(|until| until > now))
            .map(|key| key.principal.clone()))
    }
}
// ANCHOR_END: keys

/// The settings read from the environment (or `CONFIG_FILE`).
#[derive(Deserialize, Default)]
pub struct Settings {
    pub notes_api_key: Option<String>,
    pub notes_jwt_secret: Option<String>,
    pub notes_jwt_jwks_url: Option<String>,
    pub notes_jwt_issuer: Option<String>,
    pub notes_jwt_audience: Option<String>,
}

impl Settings {
    pub fn from_config(config: &Config) -> Result<Self, SetupError> {
        config
            .settings()
            .map_err(|e| SetupError::new(format!("token settings: {e}")))
    }

    /// Whether any way to authenticate is configured.
    pub fn any(&self) -> bool {
        [
            &self.notes_api_key,
            &self.notes_jwt_secret,
            &self.notes_jwt_jwks_url,
        ]
        .iter()
        .any(|s| s.as_deref().is_some_and(|s| !s.is_empty()))
    }
}

// ANCHOR: token_auth
/// The verifier of the configured tokens; a bad setting is an error naming it.
pub fn token_auth(settings: Settings) -> Result<TokenAuth, SetupError> {
    let set = |value: Option<String>| value.filter(|v| !v.is_empty());
    let mut builder = TokenAuth::builder();
    if let Some(key) = set(settings.notes_api_key) {
        builder = builder.api_keys(Keys(vec![ApiKey {
            digest: hash_api_key(&key),
            principal: Principal::new("notes-admin", [WriteNotes::NAME, DeleteNotes::NAME]),
            expires: None,
        }]));
    }
    let audience = set(settings.notes_jwt_audience).unwrap_or_else(|| "notes-api".to_owned());
    let issuer = || {
        set(settings.notes_jwt_issuer.clone()).ok_or_else(|| {
            SetupError::new("NOTES_JWT_ISSUER: the `iss` of accepted JWTs must be set")
        })
    };
    builder = match (
        set(settings.notes_jwt_secret),
        set(settings.notes_jwt_jwks_url),
    ) {
        (Some(_), Some(_)) => {
            return Err(SetupError::new(
                "NOTES_JWT_SECRET and NOTES_JWT_JWKS_URL are both set: choose one",
            ));
        }
        (Some(secret), None) if secret.len() < 32 => {
            return Err(SetupError::new(
                "NOTES_JWT_SECRET is too short: use 32 bytes or more",
            ));
        }
        (Some(secret), None) => builder.jwt_secret(secret.as_bytes(), &issuer()?, &audience),
        // The provider's keys, kept, and fetched again at most once a minute when a
        // token names one that is not among them.
        (None, Some(jwks)) => {
            builder.jwt_jwks(&jwks, &issuer()?, &audience, Duration::from_secs(60))
        }
        (None, None) => builder,
    };
    builder.build()
}
// ANCHOR_END: token_auth
