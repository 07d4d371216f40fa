//! The logged-in user: loaded from the session's user id before every request
//! (Flask's `load_logged_in_user`), and the `login_required` guard.

// ANCHOR: uses
use framework_core::axum::extract::FromRequestParts;
use framework_core::axum::response::{IntoResponse, Response};
use framework_core::http::request::Parts;
use framework_core::prelude::*;
use framework_db::Db;
use framework_identity::authz::{Authorize, Permission, Role};
use framework_sessions::{CurrentUser, User as SessionUser};
// ANCHOR_END: uses

#[derive(Clone, Debug)]
pub struct User {
    pub id: i64,
    pub username: String,
    /// `admin` when the user's `admin` column says so.
    pub roles: Vec<String>,
}

framework_identity::roles! {
    /// May delete any post, not only their own.
    pub Admin = "admin";
}

framework_identity::permissions! {
    pub DeleteAnyPost = "post:delete-any";
}

impl User {
    pub fn new(id: i64, username: String, admin: bool) -> Self {
        let roles = if admin {
            vec![Admin::NAME.to_owned()]
        } else {
            Vec::new()
        };
        User {
            id,
            username,
            roles,
        }
    }
}

// ANCHOR: authorize
impl Authorize for User {
    fn roles(&self) -> &[String] {
        &self.roles
    }

    fn role_grants(role: &str) -> &'static [&'static str] {
        match role {
            "admin" => &[DeleteAnyPost::NAME],
            _ => &[],
        }
    }
}
// ANCHOR_END: authorize

// ANCHOR: user
impl SessionUser for User {
    type Id = i64;

    async fn load(id: i64, parts: &mut Parts) -> Result<Option<Self>> {
        let mut db = Db::from_request_parts(parts, &()).await?;
        crate::queries::user(db.conn(), id).await
    }

    fn login_url() -> Url {
        crate::auth::login::url()
    }
}
// ANCHOR_END: user

// ANCHOR: login_required
/// The logged-in user, or a redirect to the login page (Flask's `@login_required`:
/// no `next` parameter, as in the tutorial).
pub struct LoginRequired(pub User);

impl<S: Send + Sync> FromRequestParts<S> for LoginRequired {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match CurrentUser::<User>::from_request_parts(parts, state).await {
            Ok(CurrentUser(Some(user))) => Ok(LoginRequired(user)),
            Ok(CurrentUser(None)) => Err(redirect(crate::auth::login::url())),
            Err(error) => Err(error.into_response()),
        }
    }
}
// ANCHOR_END: login_required
