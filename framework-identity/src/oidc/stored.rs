//! What a sign-in keeps in the session. The session's data lives in the
//! server-side store (memory, SQLite, Redis); the cookie carries only its signed id,
//! so tokens never reach the browser.

use serde::{Deserialize, Serialize};

/// Sign-ins started and not yet finished, by `state` (a few tabs may each start one).
pub(crate) const PENDING: &str = "_oidc_pending";
/// The tokens of the signed-in user.
pub(crate) const TOKENS: &str = "_oidc_tokens";
/// Sign-ins started at once that are kept; the oldest goes first.
pub(crate) const MAX_PENDING: usize = 5;
/// How long a started sign-in may take, in seconds.
pub(crate) const PENDING_TTL: u64 = 600;

/// A sign-in on its way through the provider.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Pending {
    pub(crate) state: String,
    pub(crate) provider: String,
    pub(crate) pkce_verifier: String,
    pub(crate) nonce: String,
    pub(crate) next: Option<String>,
    pub(crate) started: u64,
}

/// The provider's tokens for the signed-in user.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Tokens {
    /// The provider the user signed in with.
    pub provider: String,
    /// The user's subject at that provider.
    pub subject: String,
    /// The access token for the provider's APIs.
    pub access_token: String,
    /// When the access token expires (seconds since the Unix epoch), if said.
    pub expires_at: Option<u64>,
    /// The refresh token, if the provider gave one.
    #[serde(default)]
    pub(crate) refresh_token: Option<String>,
    /// The raw ID token, sent back as `id_token_hint` on logout.
    #[serde(default)]
    pub(crate) id_token: Option<String>,
}

impl Tokens {
    /// Whether a refresh token is kept (server-side) for this user.
    pub fn can_refresh(&self) -> bool {
        self.refresh_token.is_some()
    }
}

/// Seconds since the Unix epoch.
pub(crate) fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
