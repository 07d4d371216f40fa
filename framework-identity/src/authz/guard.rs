//! Guards as extractors: `RequirePermission<EditPost, Member>` in a handler's (or a
//! hook's) arguments lets only users with that permission through.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use framework_core::Error;
use framework_sessions::CurrentUser;
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};

use super::names::{Permission, Role};
use super::user::{Authorize, Missing, forbidden};

/// The logged-in user `U`, if it has permission `P`.
///
/// A visitor who is not logged in is sent to [`User::login_url`] with `?next=`
/// this page when the request comes from a browser (it accepts HTML), and gets a
/// 401 with `WWW-Authenticate` otherwise (an API client). A logged-in user
/// without the permission gets a 403 ([`Forbidden`](super::Forbidden)), through
/// the app's error handlers.
///
/// [`User::login_url`]: framework_sessions::User::login_url
///
/// ```
/// use framework_core::prelude::*;
/// use framework_identity::authz::RequirePermission;
/// # use framework_core::http::request::Parts;
/// # #[derive(Clone)] struct Member { roles: Vec<String> }
/// # impl framework_sessions::User for Member {
/// #     type Id = i64;
/// #     async fn load(_: i64, _: &mut Parts) -> Result<Option<Self>> { Ok(None) }
/// #     fn login_url() -> Url { Url::from_path("/login") }
/// # }
/// # impl framework_identity::authz::Authorize for Member {
/// #     fn roles(&self) -> &[String] { &self.roles }
/// # }
///
/// framework_identity::permissions! { pub EditPost = "post:edit"; }
///
/// #[post("/posts/<id>/edit")]
/// async fn edit(id: i64, user: RequirePermission<EditPost, Member>) -> String {
///     let RequirePermission(member, ..) = user;
///     format!("{} edits post {id}", member.roles.join(","))
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![edit]);
/// ```
pub struct RequirePermission<P, U>(pub U, pub PhantomData<P>);

/// The logged-in user `U`, if it has role `R`; otherwise as [`RequirePermission`].
pub struct RequireRole<R, U>(pub U, pub PhantomData<R>);

impl<P, U> RequirePermission<P, U> {
    /// The user.
    pub fn into_inner(self) -> U {
        self.0
    }
}

impl<R, U> RequireRole<R, U> {
    /// The user.
    pub fn into_inner(self) -> U {
        self.0
    }
}

impl<P, U> std::ops::Deref for RequirePermission<P, U> {
    type Target = U;
    fn deref(&self) -> &U {
        &self.0
    }
}

impl<R, U> std::ops::Deref for RequireRole<R, U> {
    type Target = U;
    fn deref(&self) -> &U {
        &self.0
    }
}

impl<P: Permission, U: Authorize, S: Send + Sync> FromRequestParts<S> for RequirePermission<P, U> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let user = logged_in::<U, S>(parts, state).await?;
        if user.has_permission(P::NAME) {
            Ok(RequirePermission(user, PhantomData))
        } else {
            Err(forbidden(Missing::Permission(P::NAME)).into_response())
        }
    }
}

impl<R: Role, U: Authorize, S: Send + Sync> FromRequestParts<S> for RequireRole<R, U> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let user = logged_in::<U, S>(parts, state).await?;
        if user.has_role(R::NAME) {
            Ok(RequireRole(user, PhantomData))
        } else {
            Err(forbidden(Missing::Role(R::NAME)).into_response())
        }
    }
}

/// The logged-in user, or the answer for a visitor: a redirect to the login page
/// for a browser, a 401 for anyone else.
async fn logged_in<U: Authorize, S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
) -> Result<U, Response> {
    match CurrentUser::<U>::from_request_parts(parts, state).await {
        Ok(CurrentUser(Some(user))) => Ok(user),
        Ok(CurrentUser(None)) if wants_html(parts) => {
            let next = parts.uri.path_and_query().map_or("/", |p| p.as_str());
            let target = U::login_url().query("next", next);
            Err(framework_core::redirect(target.as_str()))
        }
        Ok(CurrentUser(None)) => Err(unauthorized(U::challenge()).into_response()),
        Err(error) => Err(error.into_response()),
    }
}

/// Whether the client is a browser navigating (its `Accept` names HTML).
fn wants_html(parts: &Parts) -> bool {
    parts
        .headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("text/html"))
}

/// The 401 of an API request without credentials.
pub(crate) fn unauthorized(challenge: &str) -> Error {
    let value = HeaderValue::from_str(challenge).unwrap_or(HeaderValue::from_static("Bearer"));
    Error::from_status(StatusCode::UNAUTHORIZED)
        .with_message("Authentication is required.")
        .with_header(header::WWW_AUTHENTICATE, value)
}
