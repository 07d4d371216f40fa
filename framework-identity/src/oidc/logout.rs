//! Logging out: the session is emptied, and where the provider offers RP-initiated
//! logout the visitor is sent there to end the provider's session too.

use axum::response::Response;
use framework_core::Error;
use framework_sessions::Session;
use openidconnect::core::CoreIdToken;
use openidconnect::{EndSessionUrl, LogoutRequest, PostLogoutRedirectUrl};

use super::Oidc;
use super::stored::{TOKENS, Tokens};

impl Oidc {
    /// Logs out. Signed in through a provider with an `end_session_endpoint`, the
    /// answer is a `303` there (with `id_token_hint`, `client_id` and the provider's
    /// `post_logout_redirect_uri`); otherwise a redirect to `after`. A provider that
    /// cannot be reached does not keep anyone logged in: the local logout happens
    /// first.
    ///
    /// ```
    /// use framework_core::prelude::*;
    /// use framework_identity::oidc::Oidc;
    /// use framework_sessions::Session;
    ///
    /// #[post("/auth/logout")]
    /// async fn logout(oidc: Oidc, session: Session) -> Result<Response> {
    ///     oidc.logout(&session, "/").await
    /// }
    /// # let _ = framework_core::App::new().register(framework_core::routes![logout]);
    /// ```
    pub async fn logout(&self, session: &Session, after: &str) -> Result<Response, Error> {
        let tokens: Option<Tokens> = session.get(TOKENS).await?;
        session.log_out().await?;
        let local = || Ok(framework_core::redirect_see_other(after));
        let Some(tokens) = tokens else {
            return local();
        };
        let Ok(live) = self.live(&tokens.provider) else {
            return local();
        };
        let found = match live.discovered(&self.0.http).await {
            Ok(found) => found,
            Err(error) => {
                tracing::warn!(provider = %tokens.provider, %error, "logged out here only: the provider cannot be reached");
                return local();
            }
        };
        let Some(end) = found
            .end_session
            .as_ref()
            .and_then(|url| EndSessionUrl::new(url.clone()).ok())
        else {
            return local();
        };
        let mut request = LogoutRequest::from(end).set_client_id(live.client_id.clone());
        if let Some(hint) = tokens
            .id_token
            .as_deref()
            .and_then(|t| t.parse::<CoreIdToken>().ok())
        {
            request = request.set_id_token_hint(&hint);
        }
        if let Some(uri) = live
            .config
            .post_logout_redirect_uri
            .as_ref()
            .and_then(|u| PostLogoutRedirectUrl::new(u.clone()).ok())
        {
            request = request.set_post_logout_redirect_uri(uri);
        }
        Ok(framework_core::redirect_see_other(
            request.http_get_url().as_str(),
        ))
    }
}
