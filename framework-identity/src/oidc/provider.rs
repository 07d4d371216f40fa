//! How the app describes a provider: by issuer URL (OpenID Connect discovery and
//! its JWKS), or by explicit endpoints (a plain OAuth 2.0 provider).

/// Where a provider's endpoints come from.
#[derive(Clone, Debug)]
pub(crate) enum Endpoints {
    /// OpenID Connect discovery: `{issuer}/.well-known/openid-configuration`.
    Discover { issuer: String },
    /// Plain OAuth 2.0: no ID token; the identity comes from the userinfo endpoint.
    Explicit {
        authorize: String,
        token: String,
        userinfo: String,
    },
}

/// One sign-in provider of the app.
///
/// ```
/// use framework_identity::oidc::Provider;
///
/// // An OpenID Connect provider, found by its issuer URL.
/// let company = Provider::discover("company", "https://login.example.com")
///     .client("my-app", "my-secret")
///     .redirect_uri("https://app.example.com/auth/oidc/company/callback")
///     .scopes(["email", "profile"]);
///
/// // A plain OAuth 2.0 provider with a user API instead of ID tokens.
/// let forge = Provider::oauth2(
///     "forge",
///     "https://forge.example/login/oauth/authorize",
///     "https://forge.example/login/oauth/access_token",
///     "https://api.forge.example/user",
/// )
/// .client("id", "secret")
/// .redirect_uri("https://app.example.com/auth/oidc/forge/callback")
/// .subject_claim("id");
/// # let _ = (company, forge);
/// ```
#[derive(Clone, Debug)]
pub struct Provider {
    pub(crate) name: String,
    pub(crate) endpoints: Endpoints,
    pub(crate) client_id: String,
    pub(crate) client_secret: Option<String>,
    pub(crate) redirect_uri: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) subject_claim: String,
    pub(crate) post_logout_redirect_uri: Option<String>,
}

impl Provider {
    fn new(name: &str, endpoints: Endpoints) -> Self {
        Provider {
            name: name.to_owned(),
            endpoints,
            client_id: String::new(),
            client_secret: None,
            redirect_uri: String::new(),
            scopes: Vec::new(),
            subject_claim: "sub".to_owned(),
            post_logout_redirect_uri: None,
        }
    }

    /// An OpenID Connect provider: endpoints and signing keys from its discovery
    /// document, fetched on first use and kept.
    pub fn discover(name: &str, issuer: &str) -> Self {
        Self::new(
            name,
            Endpoints::Discover {
                issuer: issuer.trim_end_matches('/').to_owned(),
            },
        )
    }

    /// A plain OAuth 2.0 provider: who signed in is read from `userinfo` (a JSON
    /// object fetched with the access token), its [`subject_claim`](Self::subject_claim)
    /// naming the stable id.
    pub fn oauth2(name: &str, authorize: &str, token: &str, userinfo: &str) -> Self {
        Self::new(
            name,
            Endpoints::Explicit {
                authorize: authorize.to_owned(),
                token: token.to_owned(),
                userinfo: userinfo.to_owned(),
            },
        )
    }

    /// The client the app is registered as at the provider (a confidential client:
    /// the secret authenticates the token requests).
    pub fn client(mut self, id: &str, secret: &str) -> Self {
        self.client_id = id.to_owned();
        self.client_secret = Some(secret.to_owned());
        self
    }

    /// A public client (no secret; PKCE alone protects the code).
    pub fn public_client(mut self, id: &str) -> Self {
        self.client_id = id.to_owned();
        self.client_secret = None;
        self
    }

    /// The absolute URL of the app's callback route, as registered at the provider.
    pub fn redirect_uri(mut self, uri: &str) -> Self {
        self.redirect_uri = uri.to_owned();
        self
    }

    /// Scopes asked for besides `openid` (which OpenID Connect providers always get).
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// The userinfo field that identifies the user of a plain OAuth 2.0 provider
    /// (`sub` unless set; GitHub-style APIs use `id`).
    pub fn subject_claim(mut self, claim: &str) -> Self {
        self.subject_claim = claim.to_owned();
        self
    }

    /// Where the provider sends the visitor after RP-initiated logout (registered at
    /// the provider as a post-logout redirect URI).
    pub fn post_logout_redirect_uri(mut self, uri: &str) -> Self {
        self.post_logout_redirect_uri = Some(uri.to_owned());
        self
    }

    /// The provider's name, as routes and the session know it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this is an OpenID Connect provider (ID tokens), not plain OAuth 2.0.
    pub fn is_openid(&self) -> bool {
        matches!(self.endpoints, Endpoints::Discover { .. })
    }
}
