//! The `auth` blueprint (Flask's `auth.py`): register, log in, log out. The module
//! is inline because `#[blueprint]` reads its items; named like its file, its items
//! are re-exported into the file's module, so paths read `crate::auth::login`.

use framework_core::prelude::*;

#[blueprint(prefix = "/auth")]
pub mod auth {
    // ANCHOR: uses
    use askama::Template;
    use framework_core::extract::ClientAddr;
    use framework_core::prelude::*;
    use framework_core::templates::render;
    use framework_db::Db;
    use framework_identity::oidc::{Callback, Oidc};
    use framework_sessions::password::{check_password_hash_async, generate_password_hash_async};
    use framework_sessions::{PageContext, Session};

    use crate::queries;
    use crate::user::User;
    // ANCHOR_END: uses

    // ANCHOR: register
    #[derive(Deserialize, Validate)]
    pub struct Credentials {
        #[validate(length(min = 1, message = "Username is required."))]
        username: String,
        #[validate(length(min = 1, message = "Password is required."))]
        password: String,
    }

    #[derive(Template)]
    #[template(path = "auth/register.html")]
    struct RegisterPage {
        ctx: PageContext<User>,
        username: String,
    }

    #[route("/register", methods = [GET, POST])]
    pub async fn register(
        ctx: PageContext<User>,
        session: Session,
        mut db: Db,
        form: Option<FormResult<Credentials>>,
    ) -> Result<Response> {
        let (error, username) = match form.map(|f| f.0) {
            None => (None, String::new()),
            Some(Err(errors)) => (
                errors.first_error().map(str::to_owned),
                errors.value("username").unwrap_or("").to_owned(),
            ),
            Some(Ok(form)) => {
                // Hashing takes tens of milliseconds of CPU: on the blocking pool, a
                // few at a time, so the async workers go on serving other requests.
                let hash = generate_password_hash_async(form.password.clone()).await;
                if queries::insert_user(db.conn(), &form.username, &hash).await? {
                    return Ok(redirect(login::url()));
                }
                (
                    Some(format!("User {} is already registered.", form.username)),
                    form.username,
                )
            }
        };
        if let Some(error) = error {
            session.flash(error).await?;
        }
        Ok(render(&RegisterPage { ctx, username })?.into_response())
    }
    // ANCHOR_END: register

    #[derive(Template)]
    #[template(path = "auth/login.html")]
    struct LoginPage {
        ctx: PageContext<User>,
        username: String,
        /// Whether "Log in with OpenID Connect" is configured.
        oidc: bool,
    }

    // ANCHOR: login_limit
    // Password guessing: ten attempts a minute per client address (the form itself,
    // GET, is not counted). Behind nginx, `TRUSTED_PROXIES` makes the address the
    // client's; with `RATE_LIMIT_STORE=redis://…` every instance shares the count.
    // Every attempt is logged with that address: who logged in from where, and the
    // failures a tool such as fail2ban watches for.
    #[route("/login", methods = [GET, POST], rate_limit("10/minute", methods = [POST]))]
    // ANCHOR_END: login_limit
    pub async fn login(
        ClientAddr(client): ClientAddr,
        ctx: PageContext<User>,
        session: Session,
        mut db: Db,
        oidc: Option<Oidc>,
        form: Option<FormResult<Credentials>>,
    ) -> Result<Response> {
        let oidc = oidc.is_some();
        let (error, username) = match form.map(|f| f.0) {
            None => (None, String::new()),
            Some(Err(errors)) => (
                errors.first_error().map(str::to_owned),
                errors.value("username").unwrap_or("").to_owned(),
            ),
            Some(Ok(form)) => {
                let user = queries::login(db.conn(), &form.username).await?;
                // The connection goes back to the pool before the slow hash check.
                drop(db);
                let checked = match user {
                    None => None,
                    Some(user) => {
                        let matches =
                            check_password_hash_async(user.password, form.password.clone()).await;
                        Some((user.id, matches))
                    }
                };
                if !matches!(checked, Some((_, true))) {
                    // Debug-formatted: a username cannot forge a log line.
                    tracing::warn!(%client, username = ?form.username, "login failed");
                }
                match checked {
                    None => (Some("Incorrect username.".to_owned()), form.username),
                    Some((_, false)) => (Some("Incorrect password.".to_owned()), form.username),
                    Some((id, true)) => {
                        tracing::info!(%client, user = id, "logged in");
                        session.clear().await?;
                        session.log_in(id).await?;
                        return Ok(redirect("/"));
                    }
                }
            }
        };
        if let Some(error) = error {
            session.flash(error).await?;
        }
        Ok(render(&LoginPage {
            ctx,
            username,
            oidc,
        })?
        .into_response())
    }

    /// Flask's `load_logged_in_user`: before every request of the app, the user of the
    /// session is loaded (once; pages and guards reuse it).
    #[before_app_request]
    async fn load_logged_in_user(_user: framework_sessions::CurrentUser<User>) {}

    #[get("/logout")]
    pub async fn logout(session: Session, oidc: Option<Oidc>) -> Result<Response> {
        match oidc {
            // Ends the provider's session too, when the user signed in there.
            Some(oidc) => oidc.logout(&session, "/").await,
            None => {
                session.clear().await?;
                Ok(redirect("/"))
            }
        }
    }

    /// "Log in with OpenID Connect": off to the provider (404 when not configured).
    #[get("/oidc/login")]
    pub async fn oidc_login(oidc: Option<Oidc>, session: Session) -> Result<Response> {
        let oidc = oidc.ok_or_else(|| abort(StatusCode::NOT_FOUND))?;
        oidc.login(crate::oidc::PROVIDER, &session, Some("/")).await
    }

    /// Back from the provider: the user found or created, then logged in.
    #[get("/oidc/callback")]
    pub async fn oidc_callback(
        oidc: Option<Oidc>,
        session: Session,
        db: Db,
        Query(callback): Query<Callback>,
    ) -> Result<Response> {
        let oidc = oidc.ok_or_else(|| abort(StatusCode::NOT_FOUND))?;
        let mut users = crate::oidc::Users(db);
        oidc.callback(crate::oidc::PROVIDER, &session, &callback, &mut users)
            .await
    }
}
