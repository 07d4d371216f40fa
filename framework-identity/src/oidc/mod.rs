//! OpenID Connect / OAuth 2.0 sign-in, Authlib's `oauth.register` and
//! `authorize_redirect` / `authorize_access_token` in the framework's terms: the app
//! keeps its own routes and hands each step to [`Oidc`].
//!
//! The authorization-code flow with PKCE, `state` and `nonce`; ID tokens verified
//! (signature against the provider's JWKS, fetched again when the provider rotates
//! its keys; `iss`, `aud`, `exp`, `iat`, `nonce`); userinfo fetched; the app's
//! [`Accounts`](crate::Accounts) links the identity to a user, who is then logged in
//! with `framework_sessions`' `log_in`. Tokens stay in the server-side session.

mod callback;
mod client;
mod failure;
mod login;
mod logout;
mod metadata;
mod provider;
mod setup;
mod stored;
mod tokens;
mod verify;

pub use callback::{Callback, SignedIn};
pub use failure::LoginError;
pub use provider::Provider;
pub use setup::SetupError;
pub use stored::Tokens;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRequestParts;
use framework_core::Error;
use http::StatusCode;
use http::request::Parts;

use metadata::Live;

/// The app's sign-in providers, shared by every request: register it with
/// `App::extension(oidc)` and take it as a handler argument.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_identity::oidc::{Oidc, Provider};
///
/// let oidc = Oidc::builder()
///     .provider(
///         Provider::discover("company", "https://login.example.com")
///             .client("my-app", "my-secret")
///             .redirect_uri("https://app.example.com/auth/oidc/company/callback"),
///     )
///     .build()
///     .unwrap();
/// let app = App::new().extension(oidc);
/// # let _ = app;
/// ```
#[derive(Clone)]
pub struct Oidc(Arc<Inner>);

struct Inner {
    providers: HashMap<String, Live>,
    http: reqwest::Client,
    settings: Settings,
}

/// Limits of the checks, with defaults that suit most providers.
#[derive(Clone, Copy, Debug)]
struct Settings {
    /// The shortest time between two fetches of a provider's keys.
    jwks_refresh_interval: Duration,
    /// How far the provider's clock may be ahead of ours.
    clock_skew: Duration,
    /// How old an ID token may be when it arrives.
    max_token_age: Duration,
}

/// Builds an [`Oidc`]: providers, HTTP timeout, limits.
pub struct OidcBuilder {
    providers: Vec<Provider>,
    timeout: Duration,
    settings: Settings,
}

impl Oidc {
    /// A builder with no providers, a 10-second timeout for every call to a
    /// provider, keys fetched again at most every 10 seconds.
    pub fn builder() -> OidcBuilder {
        OidcBuilder {
            providers: Vec::new(),
            timeout: Duration::from_secs(10),
            settings: Settings {
                jwks_refresh_interval: Duration::from_secs(10),
                clock_skew: Duration::from_secs(60),
                max_token_age: Duration::from_secs(600),
            },
        }
    }

    /// The configured providers' names, in no particular order.
    pub fn providers(&self) -> impl Iterator<Item = &str> {
        self.0.providers.keys().map(String::as_str)
    }

    fn live(&self, name: &str) -> Result<&Live, LoginError> {
        self.0
            .providers
            .get(name)
            .ok_or_else(|| LoginError::UnknownProvider(name.to_owned()))
    }
}

impl OidcBuilder {
    /// Adds a provider (each name once).
    pub fn provider(mut self, provider: Provider) -> Self {
        self.providers.push(provider);
        self
    }

    /// How long one call to a provider may take (default 10 s); a slower provider
    /// counts as down (502).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The shortest time between two fetches of a provider's signing keys (default
    /// 10 s): an ID token signed by an unknown key makes the keys be fetched again,
    /// at most this often, so forged tokens cannot make the app flood the provider.
    pub fn jwks_refresh_interval(mut self, interval: Duration) -> Self {
        self.settings.jwks_refresh_interval = interval;
        self
    }

    /// Checks every provider and makes the HTTP client; no provider is contacted yet.
    pub fn build(self) -> Result<Oidc, SetupError> {
        let mut providers = HashMap::new();
        for provider in self.providers {
            let name = provider.name.clone();
            if providers
                .insert(name.clone(), Live::new(provider)?)
                .is_some()
            {
                return Err(SetupError::new(format!(
                    "provider `{name}` is configured twice"
                )));
            }
        }
        let http = reqwest::Client::builder()
            // Following redirects would let a provider's answer point the app anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(self.timeout)
            // A new connection for every call: calls are few (a sign-in makes three
            // or four), and a kept connection the provider has since closed would
            // fail the next sign-in with a 502.
            .pool_max_idle_per_host(0)
            .build()
            .map_err(|e| SetupError::new(format!("cannot make the HTTP client: {e}")))?;
        Ok(Oidc(Arc::new(Inner {
            providers,
            http,
            settings: self.settings,
        })))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Oidc {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Oidc>().cloned().ok_or_else(|| {
            Error::from_status(StatusCode::INTERNAL_SERVER_ERROR).with_message(
                "sign-in providers are not set up: add the `Oidc` to the app with `App::extension`",
            )
        })
    }
}

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&str> = self.providers().collect();
        names.sort_unstable();
        f.debug_struct("Oidc").field("providers", &names).finish()
    }
}

/// `Option<Oidc>`: for apps where sign-in with a provider is optional (configured
/// or not); `None` when no `Oidc` was added.
impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for Oidc {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Oidc>().cloned())
    }
}

/// The error and its causes on one line (HTTP client errors say little alone).
pub(crate) fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
