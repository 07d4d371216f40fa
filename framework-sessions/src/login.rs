//! Login helpers in the spirit of Flask-Login: the app says how to load its user;
//! `CurrentUser<U>` gives the logged-in user (if any) to a handler or hook, and
//! `LoginRequired<U>` sends anonymous visitors to the login page with a `next` that
//! cannot lead off-site.

use std::future::Future;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use framework_core::{Error, Url};
use http::request::Parts;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::session::Session;

const USER_ID: &str = "_user_id";

/// The app's user type, and how to find one by the id kept in the session.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::http::request::Parts;
/// use framework_sessions::User;
///
/// #[derive(Clone)]
/// struct Member {
///     id: i64,
///     name: String,
/// }
///
/// impl User for Member {
///     type Id = i64;
///
///     async fn load(id: i64, _parts: &mut Parts) -> Result<Option<Self>> {
///         // Look the user up in the database here.
///         Ok((id == 1).then(|| Member { id: 1, name: "ferris".into() }))
///     }
///
///     fn login_url() -> Url {
///         Url::from_path("/auth/login")
///     }
/// }
/// ```
pub trait User: Clone + Send + Sync + Sized + 'static {
    /// What the session keeps to know who is logged in (the user's primary key).
    type Id: Serialize + DeserializeOwned + Send + Sync;

    /// The user with this id, or `None` if there is none any more (deleted).
    fn load(
        id: Self::Id,
        parts: &mut Parts,
    ) -> impl Future<Output = Result<Option<Self>, Error>> + Send;

    /// Where [`LoginRequired`] sends visitors who are not logged in.
    fn login_url() -> Url;
}

impl Session {
    /// Logs a user in: a new session id and CSRF token (no session fixation), with
    /// the user's id in it.
    pub async fn log_in<I: Serialize>(&self, id: I) -> Result<(), Error> {
        self.renew().await?;
        self.insert(USER_ID, id).await
    }

    /// Logs out: the session is emptied, as Flask's `session.clear()`.
    pub async fn log_out(&self) -> Result<(), Error> {
        self.clear().await
    }

    /// The id of the logged-in user, if any.
    pub async fn user_id<I: DeserializeOwned>(&self) -> Result<Option<I>, Error> {
        self.get(USER_ID).await
    }
}

/// The logged-in user, or `None` for a visitor. Loaded once per request. A request
/// with a bearer token has no user here: the token, not the session cookie, says
/// who it is (see `framework_identity::bearer`).
pub struct CurrentUser<U>(pub Option<U>);

/// The user as loaded for this request, shared by every extractor that asks.
struct Loaded<U>(Arc<Option<U>>);

impl<U> Clone for Loaded<U> {
    fn clone(&self) -> Self {
        Loaded(self.0.clone())
    }
}

async fn current<U: User>(parts: &mut Parts) -> Result<Option<U>, Error> {
    // A request with a bearer token is authenticated by it alone (and skipped the
    // CSRF check): the session's login does not count.
    if crate::bearer_token(&parts.headers).is_some() {
        return Ok(None);
    }
    if let Some(loaded) = parts.extensions.get::<Loaded<U>>() {
        return Ok((*loaded.0).clone());
    }
    let session = Session::from_request_parts(parts, &()).await?;
    let user = match session.user_id::<U::Id>().await? {
        Some(id) => U::load(id, parts).await?,
        None => None,
    };
    parts.extensions.insert(Loaded(Arc::new(user.clone())));
    Ok(user)
}

impl<U: User, S: Send + Sync> FromRequestParts<S> for CurrentUser<U> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        current::<U>(parts).await.map(CurrentUser)
    }
}

/// The logged-in user; anyone else is redirected to [`User::login_url`] with
/// `?next=` this page.
pub struct LoginRequired<U>(pub U);

impl<U: User, S: Send + Sync> FromRequestParts<S> for LoginRequired<U> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match current::<U>(parts).await {
            Ok(Some(user)) => Ok(LoginRequired(user)),
            Ok(None) => {
                // The page as the browser asked for it: under the prefix a trusted
                // proxy mounts the app at, if any.
                let mut next = framework_core::url::script_root();
                next.push_str(parts.uri.path_and_query().map_or("/", |p| p.as_str()));
                let target = U::login_url().query("next", next);
                Err(framework_core::redirect(target.as_str()))
            }
            Err(error) => Err(error.into_response()),
        }
    }
}

/// `next` if it is a path on this site (`/posts/1?x=y`), else `None`: never a URL
/// to another host (`//evil.example`, `https://…`, `/\evil`), so a login link cannot
/// send anyone off-site.
///
/// ```
/// use framework_sessions::safe_next;
///
/// assert_eq!(safe_next("/create"), Some("/create"));
/// assert_eq!(safe_next("//evil.example/"), None);
/// assert_eq!(safe_next("https://evil.example/"), None);
/// ```
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\');
    ok.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_site() {
        for good in ["/", "/a/b?c=d", "/x#y"] {
            assert_eq!(safe_next(good), Some(good));
        }
        for bad in [
            "",
            "a",
            "//x.example",
            "/\\x.example",
            "http://x",
            "javascript:x",
            "/a\\b",
            "/\tx",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
