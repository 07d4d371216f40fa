//! The ID token's checks: signature (fetching the keys again once if the token
//! names a key the cached set lacks), issuer, audience, expiry, issue time, nonce.

use std::sync::Arc;

use base64::Engine;
use openidconnect::core::{CoreIdToken, CoreIdTokenVerifier};
use openidconnect::{ClaimsVerificationError, Nonce, SignatureVerificationError};
use serde_json::{Map, Value};

use super::Inner;
use super::failure::LoginError;
use super::metadata::{Discovered, Live};
use super::stored::now;

/// The ID token's claims, once every check passed.
pub(crate) async fn id_token_claims(
    inner: &Inner,
    live: &Live,
    found: Arc<Discovered>,
    id_token: &CoreIdToken,
    nonce: &Nonce,
) -> Result<(String, Map<String, Value>), LoginError> {
    let subject = match check(inner, live, &found, id_token, nonce) {
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => {
            // The provider may have rotated its keys since they were fetched.
            match live
                .refetch_keys(&inner.http, &found, inner.settings.jwks_refresh_interval)
                .await?
            {
                Some(fresh) => check(inner, live, &fresh, id_token, nonce),
                None => Err(ClaimsVerificationError::SignatureVerification(
                    SignatureVerificationError::NoMatchingKey,
                )),
            }
        }
        other => other,
    }
    .map_err(classify)?;
    Ok((subject, payload(id_token)?))
}

fn check(
    inner: &Inner,
    live: &Live,
    found: &Discovered,
    id_token: &CoreIdToken,
    nonce: &Nonce,
) -> Result<String, ClaimsVerificationError> {
    let issuer = found.issuer.clone().ok_or_else(|| {
        ClaimsVerificationError::Other("a plain OAuth 2.0 provider has no issuer".into())
    })?;
    let verifier = match &live.client_secret {
        Some(secret) => CoreIdTokenVerifier::new_confidential_client(
            live.client_id.clone(),
            secret.clone(),
            issuer,
            found.jwks.clone(),
        ),
        None => CoreIdTokenVerifier::new_public_client(
            live.client_id.clone(),
            issuer,
            found.jwks.clone(),
        ),
    };
    let skew = inner.settings.clock_skew.as_secs() as i64;
    let max_age = inner.settings.max_token_age.as_secs() as i64;
    let verifier = verifier.set_issue_time_verifier_fn(move |iat| {
        let age = now() as i64 - iat.timestamp();
        if age < -skew {
            Err(format!("issued {}s in the future", -age))
        } else if age > max_age {
            Err(format!("issued {age}s ago"))
        } else {
            Ok(())
        }
    });
    id_token
        .claims(&verifier, nonce)
        .map(|claims| claims.subject().as_str().to_owned())
}

fn classify(error: ClaimsVerificationError) -> LoginError {
    let text = error.to_string();
    match error {
        ClaimsVerificationError::SignatureVerification(e) => {
            LoginError::BadSignature(e.to_string())
        }
        ClaimsVerificationError::InvalidAudience(_) => LoginError::WrongAudience(text),
        ClaimsVerificationError::InvalidIssuer(_) => LoginError::WrongIssuer(text),
        ClaimsVerificationError::Expired(_) | ClaimsVerificationError::InvalidAuthTime(_) => {
            LoginError::Expired(text)
        }
        ClaimsVerificationError::InvalidNonce(_) => LoginError::NonceMismatch(text),
        _ => LoginError::InvalidToken(text),
    }
}

/// Every claim of a token whose signature was checked, not only those
/// `openidconnect` types (`roles`, `groups`, provider-specific ones).
fn payload(id_token: &CoreIdToken) -> Result<Map<String, Value>, LoginError> {
    let raw = id_token.to_string();
    let middle = raw
        .split('.')
        .nth(1)
        .ok_or_else(|| LoginError::Malformed("the ID token is not a JWT".into()))?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(middle)
        .map_err(|e| LoginError::Malformed(format!("the ID token's claims: {e}")))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| LoginError::Malformed(format!("the ID token's claims: {e}")))
}
