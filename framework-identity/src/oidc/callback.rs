//! The second step: the provider sends the visitor back with a code; it is checked
//! against the sign-in this session started, exchanged for tokens, the ID token
//! verified and userinfo fetched.

use axum::response::Response;
use framework_core::Error;
use framework_sessions::Session;
use openidconnect::core::CoreErrorResponseType;
use openidconnect::{
    AuthorizationCode, Nonce, OAuth2TokenResponse, PkceCodeVerifier, RequestTokenError,
    TokenResponse,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::client::flow_client;
use super::failure::LoginError;
use super::stored::{PENDING, Pending, TOKENS, Tokens, now};
use super::{Oidc, chain, verify};
use crate::identity::{Accounts, Identity};

/// The query string the provider sends the visitor back with.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_identity::oidc::{Callback, Oidc};
/// use framework_sessions::Session;
///
/// #[get("/auth/oidc/<provider>/callback")]
/// async fn oidc_callback(
///     provider: String,
///     oidc: Oidc,
///     session: Session,
///     Query(callback): Query<Callback>,
/// ) -> Result<Response> {
///     let signed_in = oidc.finish(&provider, &session, &callback).await?;
///     // Look the user up by `signed_in.identity` here.
///     signed_in.log_in(&session, 1_i64).await
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![oidc_callback]);
/// ```
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Callback {
    /// The authorization code.
    pub code: Option<String>,
    /// The `state` the sign-in was started with.
    pub state: Option<String>,
    /// The provider's error code (`access_denied`, …), instead of a code.
    pub error: Option<String>,
    /// The provider's explanation of `error`.
    pub error_description: Option<String>,
    /// The issuer that sends the visitor back (RFC 9207), when the provider says.
    pub iss: Option<String>,
}

/// A verified sign-in, not yet logged in: link it to a user, then
/// [`log_in`](Self::log_in).
#[derive(Debug)]
pub struct SignedIn {
    /// Who signed in.
    pub identity: Identity,
    /// Where to go afterwards: the `next` the sign-in started with, else `/`.
    pub next: String,
    tokens: Tokens,
}

impl SignedIn {
    /// Logs the user `id` in (a new session: no fixation), keeps the provider's
    /// tokens in the session store, and answers with a redirect to [`next`](Self::next).
    pub async fn log_in<I: serde::Serialize>(
        self,
        session: &Session,
        id: I,
    ) -> Result<Response, Error> {
        session.clear().await?;
        session.log_in(id).await?;
        session.insert(TOKENS, &self.tokens).await?;
        tracing::info!(provider = %self.identity.provider, subject = %self.identity.subject, "signed in");
        Ok(framework_core::redirect_see_other(&self.next))
    }
}

impl Oidc {
    /// Checks the callback and verifies the sign-in; every failure is a
    /// [`LoginError`] (4xx or 502, logged) and leaves the session logged out.
    pub async fn finish(
        &self,
        provider: &str,
        session: &Session,
        callback: &Callback,
    ) -> Result<SignedIn, Error> {
        let pending = take_pending(session, provider, callback.state.as_deref()).await?;
        self.verify(provider, pending, callback)
            .await
            .map_err(|e| e.into_error(provider))
    }

    /// [`finish`](Self::finish), [`Accounts::link`], then [`SignedIn::log_in`]: the
    /// whole callback route in one call.
    ///
    /// ```
    /// use framework_core::prelude::*;
    /// use framework_identity::oidc::{Callback, Oidc};
    /// use framework_identity::{Accounts, Identity};
    /// use framework_sessions::Session;
    ///
    /// struct Everyone;
    ///
    /// impl Accounts for Everyone {
    ///     type Id = String;
    ///     async fn link(&mut self, identity: &Identity) -> Result<String> {
    ///         Ok(format!("{}:{}", identity.provider, identity.subject))
    ///     }
    /// }
    ///
    /// #[get("/auth/oidc/<provider>/callback")]
    /// async fn oidc_callback(
    ///     provider: String,
    ///     oidc: Oidc,
    ///     session: Session,
    ///     Query(callback): Query<Callback>,
    /// ) -> Result<Response> {
    ///     oidc.callback(&provider, &session, &callback, &mut Everyone).await
    /// }
    /// # let _ = framework_core::App::new().register(framework_core::routes![oidc_callback]);
    /// ```
    pub async fn callback<A: Accounts>(
        &self,
        provider: &str,
        session: &Session,
        callback: &Callback,
        accounts: &mut A,
    ) -> Result<Response, Error> {
        let signed_in = self.finish(provider, session, callback).await?;
        let id = accounts.link(&signed_in.identity).await?;
        signed_in.log_in(session, id).await
    }

    async fn verify(
        &self,
        provider: &str,
        pending: Pending,
        callback: &Callback,
    ) -> Result<SignedIn, LoginError> {
        if let Some(error) = &callback.error {
            let description = callback.error_description.as_deref().unwrap_or("");
            return Err(LoginError::Refused(format!("{error} {description}")));
        }
        let live = self.live(provider)?;
        let found = live.discovered(&self.0.http).await?;
        if let (Some(iss), Some(issuer)) = (&callback.iss, &found.issuer)
            && iss.trim_end_matches('/') != issuer.as_str().trim_end_matches('/')
        {
            return Err(LoginError::WrongIssuerParameter(iss.clone()));
        }
        let code = callback.code.clone().ok_or(LoginError::MissingCode)?;
        let client = flow_client(live, &found);
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
            .request_async(&self.0.http)
            .await
            .map_err(token_error)?;

        let mut claims = Map::new();
        let subject = if live.config.is_openid() {
            let id_token = response
                .id_token()
                .ok_or_else(|| LoginError::Malformed("the token answer has no ID token".into()))?;
            let (subject, id_claims) = verify::id_token_claims(
                &self.0,
                live,
                found.clone(),
                id_token,
                &Nonce::new(pending.nonce),
            )
            .await?;
            claims = id_claims;
            Some(subject)
        } else {
            None
        };
        let access_token = response.access_token().secret().clone();
        if let Some(url) = &found.userinfo {
            let info = self.userinfo(url.url().as_str(), &access_token).await?;
            if let (Some(subject), Some(said)) = (&subject, info.get("sub")) {
                // OpenID Connect Core 5.3.2: userinfo of another user must not be used.
                if said.as_str() != Some(subject.as_str()) {
                    return Err(LoginError::Malformed(
                        "userinfo is about another subject than the ID token".into(),
                    ));
                }
            }
            claims.extend(info);
        }
        let subject = match subject {
            Some(subject) => subject,
            None => match claims.get(&live.config.subject_claim) {
                Some(Value::String(s)) if !s.is_empty() => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => {
                    return Err(LoginError::Malformed(format!(
                        "userinfo has no `{}` to identify the user by",
                        live.config.subject_claim
                    )));
                }
            },
        };
        let tokens = Tokens {
            provider: provider.to_owned(),
            subject: subject.clone(),
            access_token,
            expires_at: response.expires_in().map(|d| now() + d.as_secs()),
            refresh_token: response.refresh_token().map(|t| t.secret().clone()),
            id_token: response.id_token().map(|t| t.to_string()),
        };
        Ok(SignedIn {
            identity: Identity {
                provider: provider.to_owned(),
                issuer: found.issuer.as_ref().map(|i| i.as_str().to_owned()),
                subject,
                claims,
            },
            next: pending.next.unwrap_or_else(|| "/".to_owned()),
            tokens,
        })
    }

    async fn userinfo(
        &self,
        url: &str,
        access_token: &str,
    ) -> Result<Map<String, Value>, LoginError> {
        let response = self
            .0
            .http
            .get(url)
            .bearer_auth(access_token)
            .header(http::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| LoginError::Unreachable(chain(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(LoginError::Malformed(format!("userinfo answered {status}")));
        }
        response
            .json()
            .await
            .map_err(|e| LoginError::Malformed(format!("userinfo: {}", chain(&e))))
    }
}

/// The sign-in this session started with this `state`, taken out of the session
/// (so a callback works once), if it is recent and for this provider.
async fn take_pending(
    session: &Session,
    provider: &str,
    state: Option<&str>,
) -> Result<Pending, Error> {
    let fail = || LoginError::UnknownState.into_error(provider);
    let state = state.ok_or_else(fail)?;
    let mut pending: Vec<Pending> = session.get(PENDING).await?.unwrap_or_default();
    let Some(index) = pending.iter().position(|p| p.state == state) else {
        return Err(fail());
    };
    let found = pending.remove(index);
    if pending.is_empty() {
        session.remove::<Vec<Pending>>(PENDING).await?;
    } else {
        session.insert(PENDING, &pending).await?;
    }
    let fresh = now().saturating_sub(found.started) < super::stored::PENDING_TTL;
    if found.provider != provider || !fresh {
        return Err(fail());
    }
    Ok(found)
}

pub(crate) fn token_error<E: std::error::Error + 'static>(
    error: RequestTokenError<E, openidconnect::StandardErrorResponse<CoreErrorResponseType>>,
) -> LoginError {
    match error {
        RequestTokenError::ServerResponse(response) => {
            let text = format!(
                "{} {}",
                response.error(),
                response.error_description().map_or("", String::as_str)
            );
            match response.error() {
                CoreErrorResponseType::InvalidGrant => LoginError::CodeRejected(text),
                _ => LoginError::Malformed(format!("the token endpoint answered {text}")),
            }
        }
        RequestTokenError::Request(e) => LoginError::Unreachable(chain(&e)),
        RequestTokenError::Parse(e, _) => LoginError::Malformed(e.to_string()),
        RequestTokenError::Other(e) => LoginError::Malformed(e),
    }
}
