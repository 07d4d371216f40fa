//! An app that signs in with the real `oidc-provider`, for the tests of this folder.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use framework_core::config::Config;
use framework_core::http::request::Parts;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_identity::oidc::{Callback, LoginError, Oidc, Provider};
use framework_identity::{Accounts, Identity};
use framework_sessions::{CurrentUser, Session, User};
use test_support::http::Browser;
use test_support::oidc::{OidcProvider, ProviderOptions};

/// Where the provider sends visitors back (the in-process app answers any host).
pub const CALLBACK: &str = "http://127.0.0.1:5000/auth/oidc/test/callback";
pub const PLAIN_CALLBACK: &str = "http://127.0.0.1:5000/auth/oidc/plain/callback";
pub const AFTER_LOGOUT: &str = "http://127.0.0.1:5000/goodbye";

/// Everyone who signed in, by user id; and accounts the app had before, by email,
/// which a sign-in with that (verified) email address links to.
#[derive(Clone, Default)]
pub struct Directory(
    Arc<Mutex<HashMap<String, Identity>>>,
    Arc<Mutex<HashMap<String, String>>>,
);

impl Directory {
    /// A directory with these existing accounts: `(id, its owner's email)`.
    pub fn with_accounts(accounts: &[(&str, &str)]) -> Self {
        let directory = Directory::default();
        directory.1.lock().unwrap().extend(
            accounts
                .iter()
                .map(|(id, email)| ((*email).to_owned(), (*id).to_owned())),
        );
        directory
    }
}

/// The app's user: the provider and subject, with the identity it signed in as,
/// and its roles from the ID token's `roles` claim.
#[derive(Clone)]
pub struct Member {
    pub id: String,
    pub identity: Identity,
    pub roles: Vec<String>,
}

framework_identity::roles! {
    for Member;
    pub Editor = "editor";
}

impl framework_identity::authz::Authorize for Member {
    fn roles(&self) -> &[String] {
        &self.roles
    }
}

impl User for Member {
    type Id = String;

    async fn load(id: String, parts: &mut Parts) -> Result<Option<Self>> {
        let Extension(directory) = Extension::<Directory>::from_request_parts(parts, &())
            .await
            .map_err(|_| abort(StatusCode::INTERNAL_SERVER_ERROR))?;
        let identity = directory.0.lock().unwrap().get(&id).cloned();
        Ok(identity.map(|identity| Member {
            id,
            roles: identity.claim::<Vec<String>>("roles").unwrap_or_default(),
            identity,
        }))
    }

    fn login_url() -> Url {
        Url::from_path("/auth/oidc/test/login")
    }
}

use framework_core::axum::extract::FromRequestParts;

/// Links to an existing account by a verified email address, else by
/// `provider:subject`, creating the member on first sign-in.
impl Accounts for Directory {
    type Id = String;

    async fn link(&mut self, identity: &Identity) -> Result<String> {
        let existing = identity
            .email()
            .filter(|_| identity.email_verified())
            .and_then(|email| self.1.lock().unwrap().get(email).cloned());
        let id = existing.unwrap_or_else(|| format!("{}:{}", identity.provider, identity.subject));
        self.0.lock().unwrap().insert(id.clone(), identity.clone());
        Ok(id)
    }
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

#[get("/auth/oidc/<provider>/login")]
async fn oidc_login(
    provider: String,
    oidc: Oidc,
    session: Session,
    Query(query): Query<Next>,
) -> Result<Response> {
    oidc.login(&provider, &session, query.next.as_deref()).await
}

#[get("/auth/oidc/<provider>/callback")]
async fn oidc_callback(
    provider: String,
    oidc: Oidc,
    session: Session,
    Extension(mut directory): Extension<Directory>,
    Query(callback): Query<Callback>,
) -> Result<Response> {
    oidc.callback(&provider, &session, &callback, &mut directory)
        .await
}

#[get("/me")]
async fn me(user: CurrentUser<Member>) -> String {
    match user.0 {
        None => "anonymous".to_owned(),
        Some(member) => format!(
            "{} <{}> roles={:?}",
            member.id,
            member.identity.email().unwrap_or("-"),
            member
                .identity
                .claim::<Vec<String>>("roles")
                .unwrap_or_default()
        ),
    }
}

/// For members whose provider says they are editors.
#[get("/editors", requires = Editor)]
async fn editors() -> &'static str {
    "the editors' page"
}

#[get("/token")]
async fn token(oidc: Oidc, session: Session) -> Result<String> {
    Ok(oidc.access_token(&session).await?.unwrap_or_default())
}

#[get("/csrf")]
async fn csrf(session: Session) -> Result<String> {
    session.csrf_token().await
}

#[post("/logout")]
async fn logout(oidc: Oidc, session: Session) -> Result<Response> {
    oidc.logout(&session, "/").await
}

/// The app's own page for failed sign-ins, which the tests recognise.
#[errorhandler(LoginError)]
async fn login_failed(error: LoginError) -> (StatusCode, String) {
    (
        error.status(),
        format!("sign-in failed: {}", error.message()),
    )
}

/// The app, signing in with `oidc`.
pub async fn app(oidc: Oidc) -> App {
    app_with(oidc, &[], Directory::default(), "app").await
}

/// Which instance of the app answered.
#[derive(Clone)]
pub struct Instance(pub &'static str);

#[get("/instance")]
async fn instance(Extension(instance): Extension<Instance>) -> &'static str {
    instance.0
}

/// The app with more settings (`SESSION_STORE`, …), the members kept in
/// `directory` (shared by instances, as a database would be), answering `/instance`
/// with `name`.
pub async fn app_with(
    oidc: Oidc,
    settings: &[(&str, &str)],
    directory: Directory,
    name: &'static str,
) -> App {
    test_support::logs::install();
    let mut vars = vec![("SECRET_KEY", "identity-tests-secret-key")];
    vars.extend_from_slice(settings);
    let config = Config::from_vars(vars).unwrap();
    let app = App::new()
        .register(routes![
            oidc_login,
            oidc_callback,
            me,
            editors,
            token,
            csrf,
            logout,
            instance,
            login_failed
        ])
        .extension(oidc)
        .extension(directory)
        .extension(Instance(name));
    framework_sessions::install(app, &config).await.unwrap()
}

/// The provider `test` at `issuer`, and `plain`: the same server as a plain OAuth
/// 2.0 provider with explicit endpoints.
pub fn oidc(issuer: &str, jwks_refresh: Duration) -> Oidc {
    oidc_for(issuer, CALLBACK, jwks_refresh)
}

/// [`oidc`] with the callback of provider `test` at `callback`.
pub fn oidc_for(issuer: &str, callback: &str, jwks_refresh: Duration) -> Oidc {
    Oidc::builder()
        .provider(
            Provider::discover("test", issuer)
                .client("app", "app-secret")
                .redirect_uri(callback)
                .scopes(["email", "profile", "roles"])
                .post_logout_redirect_uri(AFTER_LOGOUT),
        )
        .provider(
            Provider::oauth2(
                "plain",
                &format!("{issuer}/auth"),
                &format!("{issuer}/token"),
                &format!("{issuer}/me"),
            )
            .client("app", "app-secret")
            .redirect_uri(PLAIN_CALLBACK)
            // The provider's userinfo endpoint wants `openid` among the scopes.
            .scopes(["openid", "email"]),
        )
        .timeout(Duration::from_secs(5))
        .jwks_refresh_interval(jwks_refresh)
        .build()
        .unwrap()
}

pub fn provider_options() -> ProviderOptions {
    ProviderOptions {
        redirect_uris: vec![CALLBACK.to_owned(), PLAIN_CALLBACK.to_owned()],
        post_logout_uris: vec![AFTER_LOGOUT.to_owned()],
        ..ProviderOptions::default()
    }
}

/// A provider started with `options`, and an app signing in with it.
pub async fn start(options: ProviderOptions) -> (OidcProvider, App) {
    let provider = OidcProvider::start(options);
    let app = app(oidc(&provider.issuer(), Duration::from_secs(10))).await;
    (provider, app)
}

/// The path and query of an absolute URL of the app.
pub fn app_path(url: &str) -> String {
    url.strip_prefix("http://127.0.0.1:5000")
        .unwrap_or(url)
        .to_owned()
}

/// The app's redirect to the provider for `provider_name`, from the login route.
pub async fn begin(client: &TestClient, provider_name: &str, next: &str) -> String {
    let response = client
        .get(&format!("/auth/oidc/{provider_name}/login?next={next}"))
        .send()
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{}",
        response.text()
    );
    response.location().unwrap().to_owned()
}

/// Plays `user` (password `{user}-password`) at the provider from the app's
/// redirect `authorize` in `browser`; returns the callback's path at the app.
pub fn authorize_as(
    provider: &OidcProvider,
    browser: &mut Browser,
    authorize: &str,
    user: &str,
) -> String {
    let callback = provider
        .authorize(browser, authorize, user, &format!("{user}-password"))
        .unwrap_or_else(|reply| panic!("the provider stopped at {}: {}", reply.status, reply.body));
    app_path(&callback)
}

/// Signs in as alice through the whole flow; returns the callback's path at the app.
pub async fn sign_in_until_callback(
    provider: &OidcProvider,
    client: &TestClient,
    provider_name: &str,
) -> String {
    let authorize = begin(client, provider_name, "/me").await;
    authorize_as(
        provider,
        &mut Browser::new(provider.port),
        &authorize,
        "alice",
    )
}

/// The app's answer to `callback`, which must be the `303` of a finished sign-in.
pub async fn finish_sign_in(
    client: &TestClient,
    callback: &str,
) -> framework_core::testing::TestResponse {
    let response = client.get(callback).send().await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{}",
        response.text()
    );
    response
}

/// Signs in as alice with provider `test`, to the end.
pub async fn sign_in(provider: &OidcProvider, client: &TestClient) {
    let callback = sign_in_until_callback(provider, client, "test").await;
    finish_sign_in(client, &callback).await;
}

/// The value of query parameter `name` in `url`.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_owned())
    })
}

/// `url` with query parameter `name` set to `value` (already encoded).
pub fn with_param(url: &str, name: &str, value: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with(&format!("{name}=")))
        .map(str::to_owned)
        .collect();
    pairs.push(format!("{name}={value}"));
    format!("{base}?{}", pairs.join("&"))
}

/// Logs out through the app's form (with its CSRF token).
pub async fn log_out(client: &TestClient) -> framework_core::testing::TestResponse {
    let token = client.get("/csrf").send().await.text();
    client
        .post("/logout")
        .header(framework_sessions::CSRF_HEADER, &token)
        .send()
        .await
}
