//! Session settings from the app's configuration, with the secret-key rules.

use std::time::Duration;

use framework_core::config::Config;
use serde::Deserialize;

use crate::error::SetupError;
use crate::keys::KeyRing;
use crate::store::built;

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
    session_cookie_domain: Option<String>,
    session_cookie_path: Option<String>,
    session_cookie_secure: Option<bool>,
    session_cookie_httponly: Option<bool>,
    session_cookie_samesite: Option<String>,
    session_cookie_partitioned: Option<bool>,
    session_refresh_each_request: Option<bool>,
    application_root: Option<String>,
}

/// The session cookie's attributes (Flask's `SESSION_COOKIE_*`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieSettings {
    /// `SESSION_COOKIE_DOMAIN`: none by default (the cookie is the host's only).
    pub domain: Option<String>,
    /// `SESSION_COOKIE_PATH`, default `APPLICATION_ROOT`, else `/`.
    pub path: String,
    /// `SESSION_COOKIE_HTTPONLY`, default on.
    pub http_only: bool,
    /// `SESSION_COOKIE_SAMESITE`: `Lax` (the default here; Flask sets none), `Strict`
    /// or `None` (which needs `Secure`).
    pub same_site: Option<cookie::SameSite>,
    /// `SESSION_COOKIE_PARTITIONED` (CHIPS), default off; needs `Secure`.
    pub partitioned: bool,
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
    /// `Secure` on the cookie (`SESSION_COOKIE_SECURE`): on outside development.
    pub secure: bool,
    /// The cookie's other attributes.
    pub cookie: CookieSettings,
    /// `SESSION_REFRESH_EACH_REQUEST` (default on): whether a permanent session's
    /// cookie is sent again on every request that uses the session, renewing its
    /// expiry, or only when the session changed.
    pub refresh_each_request: bool,
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
        let store = match raw.session_store.filter(|s| !s.is_empty()) {
            Some(store) => store,
            None if production => built::production_default(built::BUILT)?.to_owned(),
            None => "memory".to_owned(),
        };
        let secure = raw.session_cookie_secure.unwrap_or(production);
        let same_site = match raw.session_cookie_samesite.as_deref().map(str::trim) {
            None | Some("Lax") | Some("lax") => Some(cookie::SameSite::Lax),
            Some("Strict") | Some("strict") => Some(cookie::SameSite::Strict),
            Some("None") | Some("none") if secure => Some(cookie::SameSite::None),
            Some("None") | Some("none") => {
                return Err(SetupError::Setting(
                    "SESSION_COOKIE_SAMESITE=None needs SESSION_COOKIE_SECURE=true: browsers refuse `SameSite=None` cookies without `Secure`".to_owned(),
                ));
            }
            Some("") => None,
            Some(other) => {
                return Err(SetupError::Setting(format!(
                    "SESSION_COOKIE_SAMESITE must be \"Lax\", \"Strict\" or \"None\", got {other:?}"
                )));
            }
        };
        let partitioned = raw.session_cookie_partitioned.unwrap_or(false);
        if partitioned && !secure {
            return Err(SetupError::Setting(
                "SESSION_COOKIE_PARTITIONED=true needs SESSION_COOKIE_SECURE=true: browsers refuse partitioned cookies without `Secure`".to_owned(),
            ));
        }
        // Flask: the cookie's path is SESSION_COOKIE_PATH, or else APPLICATION_ROOT.
        let (path, setting) = match (raw.session_cookie_path, raw.application_root) {
            (Some(path), _) if !path.is_empty() => (path, "SESSION_COOKIE_PATH"),
            (_, Some(root)) if !root.is_empty() => (root, "APPLICATION_ROOT"),
            _ => ("/".to_owned(), "SESSION_COOKIE_PATH"),
        };
        if !path.starts_with('/') || path.contains(';') {
            return Err(SetupError::Setting(format!(
                "{setting} must be a path starting with `/`, got {path:?}"
            )));
        }
        let domain = raw.session_cookie_domain.filter(|d| !d.is_empty());
        if let Some(domain) = &domain
            && (domain.contains(';') || domain.contains(char::is_whitespace))
        {
            return Err(SetupError::Setting(format!(
                "SESSION_COOKIE_DOMAIN must be a domain name, got {domain:?}"
            )));
        }
        Ok(SessionSettings {
            store,
            keys: KeyRing::new(&secret, fallbacks),
            cookie_name: raw
                .session_cookie_name
                .unwrap_or_else(|| "session".to_owned()),
            secure,
            cookie: CookieSettings {
                domain,
                path,
                http_only: raw.session_cookie_httponly.unwrap_or(true),
                same_site,
                partitioned,
            },
            refresh_each_request: raw.session_refresh_each_request.unwrap_or(true),
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
