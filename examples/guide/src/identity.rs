//! The "Identity" chapter: signing in with OpenID Connect providers, and roles and
//! permissions checked by type.

// ANCHOR: providers
use framework_identity::oidc::{Oidc, Provider, SetupError};

/// The app's sign-in providers: one found by its issuer URL (OpenID Connect
/// discovery), one plain OAuth 2.0 provider with explicit endpoints.
pub fn providers(base: &str) -> Result<Oidc, SetupError> {
    Oidc::builder()
        .provider(
            Provider::discover("company", "https://login.example.com")
                .client("guide-app", "guide-secret")
                .redirect_uri(&format!("{base}/auth/oidc/company/callback"))
                .scopes(["email", "profile"])
                .post_logout_redirect_uri(&format!("{base}/")),
        )
        .provider(
            Provider::oauth2(
                "forge",
                "https://forge.example/login/oauth/authorize",
                "https://forge.example/login/oauth/access_token",
                "https://api.forge.example/user",
            )
            .client("guide-app", "guide-secret")
            .redirect_uri(&format!("{base}/auth/oidc/forge/callback"))
            .subject_claim("id"),
        )
        .build()
}
// ANCHOR_END: providers

// ANCHOR: accounts
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

// ANCHOR: uses
use framework_core::prelude::*;
// ANCHOR_END: uses
use framework_identity::{Accounts, Identity};

/// The app's accounts, by `(provider, subject)`: a table in a real app.
#[derive(Clone, Default)]
pub struct Members(Arc<Mutex<HashMap<(String, String), i64>>>);

impl Accounts for Members {
    type Id = i64;

    /// Links a sign-in to its member, creating one on first sign-in. An app
    /// linking to existing accounts by email should insist on `email_verified()`.
    async fn link(&mut self, identity: &Identity) -> Result<i64> {
        let mut members = self.0.lock().unwrap();
        let key = (identity.provider.clone(), identity.subject.clone());
        let next_id = members.len() as i64 + 1;
        Ok(*members.entry(key).or_insert(next_id))
    }
}
// ANCHOR_END: accounts

// ANCHOR: routes
#[blueprint(prefix = "/auth/oidc")]
pub mod sign_in {
    use framework_core::prelude::*;
    use framework_identity::oidc::{Callback, Oidc};
    use framework_sessions::Session;

    use super::Members;

    #[derive(Deserialize)]
    pub struct Next {
        next: Option<String>,
    }

    /// "Log in with …": off to the provider.
    #[get("/<provider>/login")]
    pub async fn login(
        provider: String,
        oidc: Oidc,
        session: Session,
        Query(query): Query<Next>,
    ) -> Result<Response> {
        oidc.login(&provider, &session, query.next.as_deref()).await
    }

    /// Back from the provider: verified, linked, logged in.
    #[get("/<provider>/callback")]
    pub async fn callback(
        provider: String,
        oidc: Oidc,
        session: Session,
        Extension(mut members): Extension<Members>,
        Query(callback): Query<Callback>,
    ) -> Result<Response> {
        oidc.callback(&provider, &session, &callback, &mut members)
            .await
    }

    /// Logs out here, and at the provider when it offers that.
    #[post("/logout")]
    pub async fn logout(oidc: Oidc, session: Session) -> Result<Response> {
        oidc.logout(&session, "/").await
    }
}
// ANCHOR_END: routes

// ANCHOR: permissions
use framework_identity::{permissions, roles};

roles! {
    // The user the guards load (`requires = Admin` on a route, say).
    for Member;
    /// Runs the site.
    pub Admin = "admin";
    pub Author = "author";
}

permissions! {
    for Member;
    pub WritePost = "post:write";
    /// Delete anyone's post, not only one's own.
    pub DeleteAnyPost = "post:delete-any";
}
// ANCHOR_END: permissions

// ANCHOR: authorize
use framework_core::http::request::Parts;
use framework_identity::authz::{Authorize, Permission};

#[derive(Clone)]
pub struct Member {
    pub id: i64,
    pub roles: Vec<String>,
}

impl framework_sessions::User for Member {
    type Id = i64;

    async fn load(id: i64, _parts: &mut Parts) -> Result<Option<Self>> {
        // From the database in a real app; member 1 is the admin here.
        let roles = if id == 1 {
            vec!["admin".into()]
        } else {
            vec!["author".into()]
        };
        Ok(Some(Member { id, roles }))
    }

    fn login_url() -> Url {
        Url::from_path("/auth/oidc/company/login")
    }
}

impl Authorize for Member {
    fn roles(&self) -> &[String] {
        &self.roles
    }

    fn role_grants(role: &str) -> &'static [&'static str] {
        match role {
            "admin" => &[WritePost::NAME, DeleteAnyPost::NAME],
            "author" => &[WritePost::NAME],
            _ => &[],
        }
    }
}
// ANCHOR_END: authorize

// ANCHOR: guards
use framework_identity::authz::{Can, RequirePermission, RequireRole};

#[post("/posts")]
pub async fn write_post(author: RequirePermission<WritePost, Member>) -> String {
    format!("member {} wrote a post", author.id)
}

/// Members delete their own posts; `DeleteAnyPost` deletes anyone's.
#[post("/posts/<id>/delete")]
pub async fn delete_post(id: i64, member: RequirePermission<WritePost, Member>) -> Result<String> {
    let author = id % 10; // Post 21 is member 1's, post 22 member 2's, …
    if author != member.id {
        member.require::<DeleteAnyPost>()?;
    }
    Ok(format!("post {id} deleted"))
}

/// Every route of this blueprint is for admins: the guard is its hook's argument.
#[blueprint(prefix = "/admin")]
pub mod admin {
    use super::*;

    #[before_request]
    async fn admins_only(_admin: RequireRole<Admin, Member>) {}

    #[get("/")]
    pub async fn dashboard() -> &'static str {
        "the admin dashboard"
    }
}
// ANCHOR_END: guards

// ANCHOR: attribute_guards
use framework_sessions::CurrentUser;

/// The same guards as attributes. On a route:
#[post("/posts/<id>/pin", requires = DeleteAnyPost)]
pub async fn pin_post(id: i64) -> String {
    format!("post {id} pinned")
}

/// On a blueprint: every route of it, before its own hooks.
#[blueprint(prefix = "/moderation", requires = Admin)]
pub mod moderation {
    use super::*;

    #[get("/queue")]
    pub async fn queue() -> &'static str {
        "the moderation queue"
    }
}

/// On a hook: it runs, and takes its arguments, only for an author.
#[blueprint(prefix = "/drafts")]
pub mod drafts {
    use super::*;

    #[derive(Clone)]
    pub struct AuthorId(pub i64);

    #[before_request(requires = Author)]
    async fn load_author(member: CurrentUser<Member>, g: G) {
        if let Some(member) = member.0 {
            g.insert(AuthorId(member.id));
        }
    }

    #[get("/")]
    pub async fn list(g: G) -> String {
        match g.get::<AuthorId>() {
            Some(AuthorId(id)) => format!("the drafts of member {id}"),
            None => "no drafts".to_owned(),
        }
    }
}
// ANCHOR_END: attribute_guards

// ANCHOR: several
/// Several requirements: an author who may also delete anyone's post. Checked in
/// this order: a visitor is asked to log in, a member who is no author gets the
/// `403` of `Author`, an author without `DeleteAnyPost` the `403` of that.
#[get("/posts/<id>/removed-comments", requires = [Author, DeleteAnyPost])]
pub async fn removed_comments(id: i64) -> String {
    format!("the removed comments of post {id}")
}
// ANCHOR_END: several

// ANCHOR: bearer
use framework_identity::bearer::{ApiKeys, Principal, RequireScope, TokenAuth, hash_api_key};

framework_identity::scopes! {
    pub ReadPosts = "posts:read";
}

/// API keys by digest (a table in a real app): the keys themselves are never kept.
pub struct Keys(pub Vec<(String, Principal)>);

impl ApiKeys for Keys {
    async fn find(&self, digest: &str) -> Result<Option<Principal>> {
        Ok(self
            .0
            .iter()
            .find(|(d, _)| d == digest)
            .map(|(_, p)| p.clone()))
    }
}

/// JWTs from the company's provider (its JWKS) and the app's own API keys.
pub fn tokens(api_key: &str) -> Result<TokenAuth, SetupError> {
    TokenAuth::builder()
        .jwt_jwks(
            "https://login.example.com/jwks",
            "https://login.example.com",
            "guide-api",
            std::time::Duration::from_secs(10),
        )
        .api_keys(Keys(vec![(
            hash_api_key(api_key),
            Principal::new("nightly-export", ["posts:read"]),
        )]))
        .build()
}

#[get("/api/posts")]
pub async fn api_posts(token: RequireScope<ReadPosts>) -> String {
    format!("posts for {}", token.subject)
}

/// A scope as the route's attribute; no CSRF token needed with a bearer token.
#[post("/api/exports", requires = ReadPosts)]
pub async fn api_export() -> &'static str {
    "export started"
}
// ANCHOR_END: bearer

/// The chapter's app (without a reachable provider: the guards are what it shows).
pub async fn app() -> App {
    let config = framework_core::config::Config::from_vars([("SECRET_KEY", "guide")]).unwrap();
    let app = App::new()
        .register(routes![
            write_post,
            delete_post,
            api_posts,
            pin_post,
            removed_comments,
            api_export
        ])
        .blueprint(sign_in::blueprint())
        .blueprint(admin::blueprint())
        .blueprint(moderation::blueprint())
        .blueprint(drafts::blueprint())
        .extension(providers("http://127.0.0.1:5000").unwrap())
        .extension(Members::default())
        .extension(tokens("guide-api-key").unwrap());
    // CSRF protection for every form; requests with a bearer token skip it.
    framework_sessions::install(app, &config).await.unwrap()
}
