//! Why a sign-in failed, what the visitor is told, and the status they get: a 4xx
//! when the request itself is wrong (a stale or forged callback), a 502 when the
//! provider is down or answered something that does not verify. Never a 500, and
//! the session is never logged in.

use framework_core::Error;
use http::StatusCode;

/// A failed OpenID Connect / OAuth 2.0 sign-in. It reaches the app's error handlers
/// as the source of a framework [`Error`] (`#[errorhandler(LoginError)]` takes it
/// by type), and every one is logged at `warn` with the provider's name.
///
/// ```
/// use framework_identity::oidc::LoginError;
/// use http::StatusCode;
///
/// assert_eq!(LoginError::UnknownState.status(), StatusCode::BAD_REQUEST);
/// assert_eq!(LoginError::Unreachable("connection refused".into()).status(), StatusCode::BAD_GATEWAY);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoginError {
    /// No provider of that name is configured.
    #[error("no sign-in provider is named `{0}`")]
    UnknownProvider(String),
    /// The callback's `state` matches no sign-in this session started (forged,
    /// replayed, or from another browser).
    #[error("the callback's state matches no sign-in this session started")]
    UnknownState,
    /// The callback carries neither a code nor an error.
    #[error("the callback carries no authorization code")]
    MissingCode,
    /// The callback names another issuer than the one the sign-in went to (RFC 9207).
    #[error("the callback comes from issuer `{0}`, not the one the sign-in went to")]
    WrongIssuerParameter(String),
    /// The provider sent the visitor back with an error (`access_denied`, …).
    #[error("the provider refused the sign-in: {0}")]
    Refused(String),
    /// The provider rejected the code: expired, already used, or not ours.
    #[error("the provider rejected the authorization code: {0}")]
    CodeRejected(String),
    /// The provider could not be reached (down, timed out, refused the connection).
    #[error("the provider cannot be reached: {0}")]
    Unreachable(String),
    /// The provider answered something that is not what the protocol says.
    #[error("the provider's answer is malformed: {0}")]
    Malformed(String),
    /// The ID token's signature does not verify with the provider's keys.
    #[error("the ID token's signature does not verify: {0}")]
    BadSignature(String),
    /// The ID token was made for another client.
    #[error("the ID token is for another audience: {0}")]
    WrongAudience(String),
    /// The ID token was issued by another issuer.
    #[error("the ID token is from another issuer: {0}")]
    WrongIssuer(String),
    /// The ID token has expired, or its issue time is implausible.
    #[error("the ID token is expired or not yet valid: {0}")]
    Expired(String),
    /// The ID token's nonce is not the one this sign-in sent (a replayed token).
    #[error("the ID token's nonce does not belong to this sign-in: {0}")]
    NonceMismatch(String),
    /// The ID token failed another check.
    #[error("the ID token does not verify: {0}")]
    InvalidToken(String),
    /// The provider no longer accepts the refresh token: the user is logged out.
    #[error("the provider no longer accepts the refresh token: {0}")]
    SessionExpired(String),
    /// Tokens were asked for, but nobody signed in with a provider.
    #[error("nobody is signed in with a provider")]
    NotSignedIn,
}

impl LoginError {
    /// The status this failure answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            LoginError::UnknownProvider(_) => StatusCode::NOT_FOUND,
            LoginError::UnknownState
            | LoginError::MissingCode
            | LoginError::WrongIssuerParameter(_)
            | LoginError::CodeRejected(_)
            | LoginError::NonceMismatch(_) => StatusCode::BAD_REQUEST,
            LoginError::Refused(_) => StatusCode::FORBIDDEN,
            LoginError::SessionExpired(_) | LoginError::NotSignedIn => StatusCode::UNAUTHORIZED,
            LoginError::Unreachable(_)
            | LoginError::Malformed(_)
            | LoginError::BadSignature(_)
            | LoginError::WrongAudience(_)
            | LoginError::WrongIssuer(_)
            | LoginError::Expired(_)
            | LoginError::InvalidToken(_) => StatusCode::BAD_GATEWAY,
        }
    }

    /// What the visitor reads on the error page: what happened and what to do, with
    /// no detail that helps an attacker.
    pub fn message(&self) -> &'static str {
        match self {
            LoginError::UnknownProvider(_) => "There is no such sign-in provider.",
            LoginError::UnknownState | LoginError::MissingCode => {
                "This sign-in link is stale or was not started here. Please sign in again."
            }
            LoginError::WrongIssuerParameter(_) | LoginError::NonceMismatch(_) => {
                "This sign-in response does not belong to the sign-in you started. Please sign in again."
            }
            LoginError::Refused(_) => "The sign-in was cancelled or refused at the provider.",
            LoginError::SessionExpired(_) => "Your sign-in has expired. Please sign in again.",
            LoginError::NotSignedIn => "Please sign in first.",
            LoginError::CodeRejected(_) => {
                "The sign-in took too long or was already used. Please sign in again."
            }
            LoginError::Unreachable(_) => {
                "The sign-in provider cannot be reached right now. Please try again shortly."
            }
            LoginError::Malformed(_)
            | LoginError::BadSignature(_)
            | LoginError::WrongAudience(_)
            | LoginError::WrongIssuer(_)
            | LoginError::Expired(_)
            | LoginError::InvalidToken(_) => {
                "The sign-in provider's answer could not be verified, so you were not signed in."
            }
        }
    }

    /// Logs the failure and turns it into the framework's error.
    pub(crate) fn into_error(self, provider: &str) -> Error {
        tracing::warn!(provider, error = %self, status = self.status().as_u16(), "sign-in failed");
        let status = self.status();
        let message = self.message();
        Error::new(status, self).with_message(message)
    }
}
