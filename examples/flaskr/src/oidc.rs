//! "Log in with OpenID Connect", off unless configured: `OIDC_ISSUER` (the
//! provider's issuer URL), `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET` and
//! `OIDC_REDIRECT_URI` (this app's `/auth/oidc/callback`, absolute, as registered
//! at the provider). A first sign-in creates a user named after the email address
//! (or `provider:subject` when that name is taken: an existing account is never
//! taken over by email); later ones find it again by the provider's subject.

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_db::Db;
use framework_identity::oidc::{Oidc, Provider, SetupError};
use framework_identity::{Accounts, Identity};

use crate::queries;

/// The provider's name in routes and the session.
pub const PROVIDER: &str = "oidc";

#[derive(Deserialize)]
struct Settings {
    oidc_issuer: Option<String>,
    oidc_client_id: Option<String>,
    oidc_client_secret: Option<String>,
    oidc_redirect_uri: Option<String>,
}

/// The provider the configuration names, if it names one; a missing setting is an
/// error naming it.
pub fn from_config(config: &Config) -> Result<Option<Oidc>, SetupError> {
    let settings: Settings = config
        .settings()
        .map_err(|e| SetupError::new(format!("OIDC settings: {e}")))?;
    let Some(issuer) = settings.oidc_issuer.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let need = |value: Option<String>, name: &str| {
        value
            .filter(|v| !v.is_empty())
            .ok_or_else(|| SetupError::new(format!("OIDC_ISSUER is set, so {name} must be too")))
    };
    let provider = Provider::discover(PROVIDER, &issuer)
        .client(
            &need(settings.oidc_client_id, "OIDC_CLIENT_ID")?,
            &need(settings.oidc_client_secret, "OIDC_CLIENT_SECRET")?,
        )
        .redirect_uri(&need(settings.oidc_redirect_uri, "OIDC_REDIRECT_URI")?)
        .scopes(["email", "profile"]);
    Oidc::builder().provider(provider).build().map(Some)
}

/// Flaskr's users, found or created for a sign-in.
pub struct Users(pub Db);

impl Accounts for Users {
    type Id = i64;

    async fn link(&mut self, identity: &Identity) -> Result<i64> {
        let (provider, subject) = (identity.provider.as_str(), identity.subject.as_str());
        if let Some(id) = queries::identity_user(self.0.conn(), provider, subject).await? {
            return Ok(id);
        }
        let fallback = format!("{provider}:{subject}");
        for name in [identity.email().unwrap_or(&fallback), &fallback] {
            if let Some(id) =
                queries::insert_identity_user(self.0.conn(), name, provider, subject).await?
            {
                return Ok(id);
            }
        }
        Err(abort(StatusCode::CONFLICT).with_message(format!("The user name {fallback} is taken.")))
    }
}
