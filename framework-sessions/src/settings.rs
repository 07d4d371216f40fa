//! Session settings from the app's configuration, with the secret-key rules.

use std::time::Duration;

use framework_core::config::Config;
use serde::Deserialize;

use crate::error::SetupError;
use crate::keys::KeyRing;

/// Production refuses to start with a shorter `SECRET_KEY`.
pub const MIN_SECRET_KEY_LEN: usize = 32;

/// Flask's default `PERMANENT_SESSION_LIFETIME`: 31 days.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(31 * 24 * 60 * 60);

/// What the session settings read from [`Config`]: environment variables of these
/// names (or lower-case keys in the `CONFIG_FILE`).
#[derive(Deserialize, Default)]
struct Raw {
    session_store: Option<String>,
    secret_key_fallbacks: Option<String>,
    session_cookie_name: Option<String>,
    session_permanent: Option<bool>,
    permanent_session_lifetime: Option<u64>,
}

/// Session settings, resolved.
#[derive(Clone, Debug)]
pub struct SessionSettings {
    /// `SESSION_STORE`: `memory` (the development default), `sqlite://PATH` (the
    /// production default, `sqlite://instance/sessions.sqlite`) or
    /// `redis://HOST:PORT[/DB]`.
    pub store: String,
    /// `SECRET_KEY` and `SECRET_KEY_FALLBACKS` (comma-separated older keys).
    pub keys: KeyRing,
    /// `SESSION_COOKIE_NAME`, default `session`.
    pub cookie_name: String,
    /// `Secure` on the cookie: on outside development.
    pub secure: bool,
    /// `SESSION_PERMANENT` (default false): whether the cookie outlives the browser
    /// session, for `PERMANENT_SESSION_LIFETIME` seconds (default 31 days).
    pub permanent: bool,
    pub lifetime: Duration,
}

impl SessionSettings {
    /// Reads the settings. In production a missing or short `SECRET_KEY` is an error;
    /// in development a missing one is replaced by a random key (with a warning), so
    /// sessions last until the app restarts.
    pub fn from_config(config: &Config) -> Result<Self, SetupError> {
        let raw: Raw = config.settings().map_err(SetupError::Config)?;
        let production = config.is_production();
        let secret = match (&config.secret_key, production) {
            (Some(key), true) if key.chars().count() < MIN_SECRET_KEY_LEN => {
                return Err(SetupError::SecretKey(format!(
                    "SECRET_KEY is {} characters long; production needs at least {MIN_SECRET_KEY_LEN} (generate one with `openssl rand -hex 32`)",
                    key.chars().count()
                )));
            }
            (Some(key), _) => key.clone(),
            (None, true) => {
                return Err(SetupError::SecretKey(format!(
                    "SECRET_KEY is not set; production needs a secret key of at least {MIN_SECRET_KEY_LEN} characters to sign session cookies (generate one with `openssl rand -hex 32`)"
                )));
            }
            (None, false) => {
                tracing::warn!(
                    "SECRET_KEY is not set: using a random key, so sessions end when the app restarts"
                );
                random_secret()
            }
        };
        let fallbacks: Vec<&str> = raw
            .secret_key_fallbacks
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .collect();
        let default_store = if production {
            "sqlite://instance/sessions.sqlite"
        } else {
            "memory"
        };
        Ok(SessionSettings {
            store: raw
                .session_store
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| default_store.to_owned()),
            keys: KeyRing::new(&secret, fallbacks),
            cookie_name: raw
                .session_cookie_name
                .unwrap_or_else(|| "session".to_owned()),
            secure: production,
            permanent: raw.session_permanent.unwrap_or(false),
            lifetime: raw
                .permanent_session_lifetime
                .map(Duration::from_secs)
                .unwrap_or(DEFAULT_LIFETIME),
        })
    }
}

/// 256 random bits as hex, from the thread's CSPRNG (via session ids).
fn random_secret() -> String {
    let a = tower_sessions::session::Id::default().0;
    let b = tower_sessions::session::Id::default().0;
    format!("{a:032x}{b:032x}")
}
