//! The first step: send the visitor to the provider, remembering in the session
//! what the callback must match.

use axum::response::Response;
use framework_core::Error;
use framework_sessions::{Session, safe_next};
use openidconnect::core::CoreResponseType;
use openidconnect::{AuthenticationFlow, CsrfToken, Nonce, PkceCodeChallenge, Scope};

use super::Oidc;
use super::client::flow_client;
use super::stored::{MAX_PENDING, PENDING, PENDING_TTL, Pending, now};

impl Oidc {
    /// Starts signing in with `provider`: a `303` to its authorization endpoint,
    /// with a fresh `state`, `nonce` and PKCE challenge kept in the session. `next`
    /// is where the visitor lands after signing in (a path on this site; anything
    /// else is ignored).
    ///
    /// ```
    /// use framework_core::prelude::*;
    /// use framework_identity::oidc::Oidc;
    /// use framework_sessions::Session;
    ///
    /// #[derive(Deserialize)]
    /// struct Next {
    ///     next: Option<String>,
    /// }
    ///
    /// #[get("/auth/oidc/<provider>/login")]
    /// async fn oidc_login(
    ///     provider: String,
    ///     oidc: Oidc,
    ///     session: Session,
    ///     Query(query): Query<Next>,
    /// ) -> Result<Response> {
    ///     oidc.login(&provider, &session, query.next.as_deref()).await
    /// }
    /// # let _ = framework_core::App::new().register(framework_core::routes![oidc_login]);
    /// ```
    pub async fn login(
        &self,
        provider: &str,
        session: &Session,
        next: Option<&str>,
    ) -> Result<Response, Error> {
        let live = self.live(provider).map_err(|e| e.into_error(provider))?;
        let found = live
            .discovered(&self.0.http)
            .await
            .map_err(|e| e.into_error(provider))?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let client = flow_client(live, &found);
        let mut request = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in &live.config.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();

        let started = now();
        let mut pending: Vec<Pending> = session.get(PENDING).await?.unwrap_or_default();
        pending.retain(|p| started.saturating_sub(p.started) < PENDING_TTL);
        if pending.len() >= MAX_PENDING {
            pending.remove(0);
        }
        pending.push(Pending {
            state: state.secret().clone(),
            provider: provider.to_owned(),
            pkce_verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
            next: next.and_then(safe_next).map(str::to_owned),
            started,
        });
        session.insert(PENDING, pending).await?;
        Ok(framework_core::redirect_see_other(url.as_str()))
    }
}
