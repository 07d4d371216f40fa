//! Signed bearer tokens (JWTs): checked against a configured key or a provider's
//! JWKS (kept, and fetched again when a token names an unknown key, at most once
//! per refresh interval), with `iss`, `aud`, `exp` and `nbf`.

use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};
use tokio::sync::Mutex;

use super::principal::Principal;

/// Where the keys come from.
pub(crate) enum KeySource {
    /// One key, with the algorithms it may verify.
    Fixed(DecodingKey),
    /// A JWKS document.
    Jwks {
        url: String,
        http: reqwest::Client,
        cached: Mutex<Option<(JwkSet, Instant)>>,
        refresh: Duration,
    },
}

/// A JWT verifier.
pub(crate) struct Jwt {
    pub(crate) source: KeySource,
    pub(crate) validation: Validation,
}

/// Why a token was refused (its text goes into `error_description`).
pub(crate) type Refusal = String;

impl Jwt {
    pub(crate) fn new(
        source: KeySource,
        algorithms: &[Algorithm],
        issuer: &str,
        audience: &str,
    ) -> Self {
        let mut validation = Validation::new(algorithms[0]);
        validation.algorithms = algorithms.to_vec();
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.validate_nbf = true;
        validation.leeway = 60;
        Jwt { source, validation }
    }

    pub(crate) async fn verify(&self, token: &str) -> Result<Principal, Refusal> {
        let header = jsonwebtoken::decode_header(token).map_err(|e| format!("not a JWT: {e}"))?;
        if !self.validation.algorithms.contains(&header.alg) {
            return Err(format!("algorithm {:?} is not accepted", header.alg));
        }
        let key = match &self.source {
            KeySource::Fixed(key) => key.clone(),
            KeySource::Jwks { .. } => self.key_for(header.kid.as_deref()).await?,
        };
        // The header's algorithm, once allowed, is the only one this key may check
        // (jsonwebtoken wants one key family per validation).
        let mut validation = self.validation.clone();
        validation.algorithms = vec![header.alg];
        let data = jsonwebtoken::decode::<Map<String, Value>>(token, &key, &validation)
            .map_err(|e| e.to_string())?;
        Ok(principal(data.claims))
    }

    async fn key_for(&self, kid: Option<&str>) -> Result<DecodingKey, Refusal> {
        let KeySource::Jwks {
            url,
            http,
            cached,
            refresh,
        } = &self.source
        else {
            return Err("no key set".into());
        };
        let kid = kid.ok_or("the token names no key (`kid`)")?;
        let mut cached = cached.lock().await;
        let stale = match &*cached {
            Some((set, fetched)) => {
                if let Some(jwk) = set.find(kid) {
                    return DecodingKey::from_jwk(jwk).map_err(|e| e.to_string());
                }
                fetched.elapsed() >= *refresh
            }
            None => true,
        };
        if !stale {
            return Err(format!("no key `{kid}` in the key set"));
        }
        let set: JwkSet = async {
            http.get(url)
                .send()
                .await?
                .error_for_status()?
                .json()
                .await
        }
        .await
        .map_err(|e: reqwest::Error| {
            tracing::warn!(%url, error = %crate::oidc::chain(&e), "cannot fetch the token keys");
            "the token keys cannot be fetched".to_owned()
        })?;
        let key = set.find(kid).map(DecodingKey::from_jwk);
        *cached = Some((set, Instant::now()));
        match key {
            Some(key) => key.map_err(|e| e.to_string()),
            None => Err(format!("no key `{kid}` in the key set")),
        }
    }
}

/// The token's subject and scopes (`scope`, space-separated, or `scp`).
fn principal(claims: Map<String, Value>) -> Principal {
    let scopes = match (claims.get("scope"), claims.get("scp")) {
        (Some(Value::String(s)), _) | (None, Some(Value::String(s))) => {
            s.split_whitespace().map(str::to_owned).collect()
        }
        (_, Some(Value::Array(list))) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    Principal {
        subject: claims
            .get("sub")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        scopes,
        claims,
    }
}
