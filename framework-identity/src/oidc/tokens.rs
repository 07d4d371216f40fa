//! The signed-in user's tokens: read from the session store, refreshed with the
//! refresh token kept there when the access token has (nearly) expired.

use framework_core::Error;
use framework_sessions::Session;
use openidconnect::{OAuth2TokenResponse, RefreshToken};

use super::Oidc;
use super::callback::token_error;
use super::client::flow_client;
use super::failure::LoginError;
use super::stored::{TOKENS, Tokens, now};

/// An access token closer than this to its expiry is refreshed first (seconds).
const REFRESH_MARGIN: u64 = 30;

impl Oidc {
    /// The provider's tokens of the signed-in user, if the user signed in with one.
    pub async fn tokens(&self, session: &Session) -> Result<Option<Tokens>, Error> {
        session.get(TOKENS).await
    }

    /// An access token for the provider's APIs that is still valid: the kept one,
    /// or a new one got with the refresh token when it expires within 30 seconds.
    /// `None` when the user did not sign in with a provider.
    ///
    /// ```
    /// use framework_core::prelude::*;
    /// use framework_identity::oidc::Oidc;
    /// use framework_sessions::Session;
    ///
    /// #[get("/calendar")]
    /// async fn calendar(oidc: Oidc, session: Session) -> Result<String> {
    ///     let Some(token) = oidc.access_token(&session).await? else {
    ///         return Err(abort(StatusCode::UNAUTHORIZED));
    ///     };
    ///     // Call the provider's API with `token` here.
    ///     Ok(format!("{} characters of token", token.len()))
    /// }
    /// # let _ = framework_core::App::new().register(framework_core::routes![calendar]);
    /// ```
    pub async fn access_token(&self, session: &Session) -> Result<Option<String>, Error> {
        let Some(tokens) = self.tokens(session).await? else {
            return Ok(None);
        };
        let expiring = tokens
            .expires_at
            .is_some_and(|at| at <= now() + REFRESH_MARGIN);
        if !expiring {
            return Ok(Some(tokens.access_token));
        }
        Ok(Some(self.refresh(session).await?.access_token))
    }

    /// Gets new tokens with the kept refresh token now, and keeps them. A refresh
    /// token the provider no longer accepts logs the user out (401).
    pub async fn refresh(&self, session: &Session) -> Result<Tokens, Error> {
        let Some(mut tokens) = self.tokens(session).await? else {
            return Err(LoginError::NotSignedIn.into_error("-"));
        };
        let provider = tokens.provider.clone();
        let Some(refresh_token) = tokens.refresh_token.clone() else {
            session.log_out().await?;
            return Err(
                LoginError::SessionExpired("no refresh token was given".into())
                    .into_error(&provider),
            );
        };
        let refreshed = async {
            let live = self.live(&provider)?;
            let found = live.discovered(&self.0.http).await?;
            let client = flow_client(live, &found);
            client
                .exchange_refresh_token(&RefreshToken::new(refresh_token))
                .request_async(&self.0.http)
                .await
                .map_err(token_error)
        }
        .await;
        let response = match refreshed {
            Ok(response) => response,
            Err(LoginError::CodeRejected(why)) => {
                session.log_out().await?;
                return Err(LoginError::SessionExpired(why).into_error(&provider));
            }
            Err(other) => return Err(other.into_error(&provider)),
        };
        tokens.access_token = response.access_token().secret().clone();
        tokens.expires_at = response.expires_in().map(|d| now() + d.as_secs());
        if let Some(rotated) = response.refresh_token() {
            tokens.refresh_token = Some(rotated.secret().clone());
        }
        session.insert(TOKENS, &tokens).await?;
        tracing::info!(provider = %provider, "refreshed the access token");
        Ok(tokens)
    }
}
