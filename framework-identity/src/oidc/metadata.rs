//! Each provider's endpoints and signing keys, fetched on first use and kept; the
//! keys are fetched again when an ID token names a key the cached set lacks (the
//! provider rotated its keys), at most once per `jwks_refresh_interval`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openidconnect::core::CoreJsonWebKeySet;
use openidconnect::{
    AuthUrl, ClientId, ClientSecret, DiscoveryError, IssuerUrl, JsonWebKeySetUrl, RedirectUrl,
    TokenUrl, UserInfoUrl,
};
use openidconnect::{LogoutProviderMetadata, ProviderMetadataWithLogout};
use tokio::sync::Mutex;

use super::failure::LoginError;
use super::provider::{Endpoints, Provider};
use super::setup::SetupError;

/// A provider, checked, with what was learnt about it.
pub(crate) struct Live {
    pub(crate) config: Provider,
    pub(crate) client_id: ClientId,
    pub(crate) client_secret: Option<ClientSecret>,
    pub(crate) redirect: RedirectUrl,
    issuer: Option<IssuerUrl>,
    cached: Mutex<Option<Arc<Discovered>>>,
}

/// A provider's endpoints and keys as last fetched.
pub(crate) struct Discovered {
    /// `None` for a plain OAuth 2.0 provider (no ID tokens).
    pub(crate) issuer: Option<IssuerUrl>,
    pub(crate) auth: AuthUrl,
    pub(crate) token: TokenUrl,
    pub(crate) userinfo: Option<UserInfoUrl>,
    pub(crate) end_session: Option<String>,
    jwks_uri: Option<JsonWebKeySetUrl>,
    pub(crate) jwks: CoreJsonWebKeySet,
    jwks_fetched: Instant,
}

fn bad_url(provider: &str, what: &str, url: &str, error: impl std::fmt::Display) -> SetupError {
    SetupError::new(format!(
        "provider `{provider}`: {what} `{url}` is not a valid URL ({error})"
    ))
}

impl Live {
    /// Checks `config` (every URL parses, a client id is set) without any I/O.
    pub(crate) fn new(config: Provider) -> Result<Self, SetupError> {
        let name = config.name.clone();
        if config.client_id.is_empty() {
            return Err(SetupError::new(format!(
                "provider `{name}`: no client id; call `.client(id, secret)`"
            )));
        }
        let redirect = RedirectUrl::new(config.redirect_uri.clone())
            .map_err(|e| bad_url(&name, "the redirect URI", &config.redirect_uri, e))?;
        let issuer = match &config.endpoints {
            Endpoints::Discover { issuer } => Some(
                IssuerUrl::new(issuer.clone())
                    .map_err(|e| bad_url(&name, "the issuer", issuer, e))?,
            ),
            Endpoints::Explicit {
                authorize,
                token,
                userinfo,
            } => {
                AuthUrl::new(authorize.clone())
                    .map_err(|e| bad_url(&name, "the authorize URL", authorize, e))?;
                TokenUrl::new(token.clone())
                    .map_err(|e| bad_url(&name, "the token URL", token, e))?;
                UserInfoUrl::new(userinfo.clone())
                    .map_err(|e| bad_url(&name, "the userinfo URL", userinfo, e))?;
                None
            }
        };
        if let Some(uri) = &config.post_logout_redirect_uri {
            url_ok(uri).map_err(|e| bad_url(&name, "the post-logout redirect URI", uri, e))?;
        }
        Ok(Live {
            client_id: ClientId::new(config.client_id.clone()),
            client_secret: config.client_secret.clone().map(ClientSecret::new),
            redirect,
            issuer,
            config,
            cached: Mutex::new(None),
        })
    }

    /// The endpoints and keys: cached, or fetched now (a failure is not cached, so
    /// a provider that comes back is used again).
    pub(crate) async fn discovered(
        &self,
        http: &reqwest::Client,
    ) -> Result<Arc<Discovered>, LoginError> {
        let mut cached = self.cached.lock().await;
        if let Some(found) = &*cached {
            return Ok(found.clone());
        }
        let found = Arc::new(self.fetch(http).await?);
        *cached = Some(found.clone());
        Ok(found)
    }

    async fn fetch(&self, http: &reqwest::Client) -> Result<Discovered, LoginError> {
        match (&self.config.endpoints, &self.issuer) {
            (Endpoints::Discover { .. }, Some(issuer)) => {
                let metadata = ProviderMetadataWithLogout::discover_async(issuer.clone(), http)
                    .await
                    .map_err(discovery_error)?;
                let logout: &LogoutProviderMetadata<_> = metadata.additional_metadata();
                Ok(Discovered {
                    issuer: Some(metadata.issuer().clone()),
                    auth: metadata.authorization_endpoint().clone(),
                    token: metadata.token_endpoint().cloned().ok_or_else(|| {
                        LoginError::Malformed(
                            "the discovery document names no token endpoint".into(),
                        )
                    })?,
                    userinfo: metadata.userinfo_endpoint().cloned(),
                    end_session: logout
                        .end_session_endpoint
                        .as_ref()
                        .map(|url| url.url().to_string()),
                    jwks_uri: Some(metadata.jwks_uri().clone()),
                    jwks: metadata.jwks().clone(),
                    jwks_fetched: Instant::now(),
                })
            }
            (
                Endpoints::Explicit {
                    authorize,
                    token,
                    userinfo,
                },
                _,
            ) => Ok(Discovered {
                issuer: None,
                auth: AuthUrl::new(authorize.clone()).map_err(malformed)?,
                token: TokenUrl::new(token.clone()).map_err(malformed)?,
                userinfo: Some(UserInfoUrl::new(userinfo.clone()).map_err(malformed)?),
                end_session: None,
                jwks_uri: None,
                jwks: CoreJsonWebKeySet::new(Vec::new()),
                jwks_fetched: Instant::now(),
            }),
            (Endpoints::Discover { issuer }, None) => Err(LoginError::Malformed(format!(
                "issuer `{issuer}` was not checked"
            ))),
        }
    }

    /// The provider's keys fetched again, when `seen` lacked the token's key and
    /// was fetched at least `interval` ago; `None` if not refetched.
    pub(crate) async fn refetch_keys(
        &self,
        http: &reqwest::Client,
        seen: &Arc<Discovered>,
        interval: Duration,
    ) -> Result<Option<Arc<Discovered>>, LoginError> {
        let mut cached = self.cached.lock().await;
        if let Some(current) = &*cached {
            // Someone else refetched meanwhile: try their keys first.
            if !Arc::ptr_eq(current, seen) {
                return Ok(Some(current.clone()));
            }
        }
        let Some(uri) = &seen.jwks_uri else {
            return Ok(None);
        };
        if seen.jwks_fetched.elapsed() < interval {
            return Ok(None);
        }
        tracing::info!(provider = %self.config.name, "fetching the provider's signing keys again");
        let jwks = CoreJsonWebKeySet::fetch_async(uri, http)
            .await
            .map_err(|e| match e {
                DiscoveryError::Request(e) => LoginError::Unreachable(super::chain(&e)),
                other => LoginError::Malformed(other.to_string()),
            })?;
        let fresh = Arc::new(Discovered {
            issuer: seen.issuer.clone(),
            auth: seen.auth.clone(),
            token: seen.token.clone(),
            userinfo: seen.userinfo.clone(),
            end_session: seen.end_session.clone(),
            jwks_uri: seen.jwks_uri.clone(),
            jwks,
            jwks_fetched: Instant::now(),
        });
        *cached = Some(fresh.clone());
        Ok(Some(fresh))
    }
}

fn url_ok(uri: &str) -> Result<(), openidconnect::url::ParseError> {
    openidconnect::url::Url::parse(uri).map(|_| ())
}

fn malformed(error: impl std::fmt::Display) -> LoginError {
    LoginError::Malformed(error.to_string())
}

fn discovery_error<E: std::error::Error + 'static>(error: DiscoveryError<E>) -> LoginError {
    match error {
        DiscoveryError::Request(e) => LoginError::Unreachable(super::chain(&e)),
        other => LoginError::Malformed(other.to_string()),
    }
}
