//! What the app's user says about its roles and permissions, and the typed checks
//! built on it.

use framework_core::Error;
use framework_sessions::User;
use http::StatusCode;

use super::names::{Permission, Role};

/// The app's user, able to say which roles it has and what they grant. Where the
/// roles come from is the app's business: loaded with the user from its database,
/// or read from the ID-token claims it kept at sign-in.
///
/// Grants name permissions by their types' `NAME`, so a misspelt one fails the
/// build there too. An app with per-user permissions overrides
/// [`has_permission`](Self::has_permission).
///
/// ```
/// use framework_core::http::request::Parts;
/// use framework_core::prelude::*;
/// use framework_identity::authz::{Authorize, Can, Permission};
/// use framework_sessions::User;
///
/// framework_identity::roles! { pub Admin = "admin"; }
/// framework_identity::permissions! { pub DeleteAnyPost = "post:delete-any"; }
///
/// #[derive(Clone)]
/// struct Member {
///     roles: Vec<String>,
/// }
///
/// impl User for Member {
///     type Id = i64;
///     async fn load(_id: i64, _parts: &mut Parts) -> Result<Option<Self>> {
///         Ok(Some(Member { roles: vec!["admin".into()] }))
///     }
///     fn login_url() -> Url {
///         Url::from_path("/auth/login")
///     }
/// }
///
/// impl Authorize for Member {
///     fn roles(&self) -> &[String] {
///         &self.roles
///     }
///     fn role_grants(role: &str) -> &'static [&'static str] {
///         match role {
///             "admin" => &[DeleteAnyPost::NAME],
///             _ => &[],
///         }
///     }
/// }
///
/// let admin = Member { roles: vec!["admin".into()] };
/// assert!(admin.is::<Admin>());
/// assert!(admin.can::<DeleteAnyPost>());
/// assert!(Member { roles: vec![] }.require::<DeleteAnyPost>().is_err());
/// ```
pub trait Authorize: User {
    /// The names of the user's roles.
    fn roles(&self) -> &[String];

    /// The names of the permissions the role `role` grants (none by default).
    fn role_grants(role: &str) -> &'static [&'static str] {
        let _ = role;
        &[]
    }

    /// Whether the user has the role of this name.
    fn has_role(&self, role: &str) -> bool {
        self.roles().iter().any(|r| r == role)
    }

    /// Whether the user has the permission of this name: one of its roles grants it.
    fn has_permission(&self, permission: &str) -> bool {
        self.roles()
            .iter()
            .any(|role| Self::role_grants(role).contains(&permission))
    }

    /// The `WWW-Authenticate` challenge of a 401 for API clients (`Bearer` unless
    /// the app says otherwise).
    fn challenge() -> &'static str {
        "Bearer"
    }
}

/// The typed checks, for every [`Authorize`] user: `user.can::<EditPost>()`.
pub trait Can {
    /// Whether the user has permission `P`.
    fn can<P: Permission>(&self) -> bool;
    /// Whether the user has role `R`.
    fn is<R: Role>(&self) -> bool;
    /// `Ok` if the user has permission `P`, else the 403 [`Forbidden`] error.
    fn require<P: Permission>(&self) -> Result<(), Error>;
}

impl<U: Authorize> Can for U {
    fn can<P: Permission>(&self) -> bool {
        self.has_permission(P::NAME)
    }

    fn is<R: Role>(&self) -> bool {
        self.has_role(R::NAME)
    }

    fn require<P: Permission>(&self) -> Result<(), Error> {
        if self.can::<P>() {
            Ok(())
        } else {
            Err(forbidden(Missing::Permission(P::NAME)))
        }
    }
}

/// What a logged-in user lacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// A permission, by name.
    Permission(&'static str),
    /// A role, by name.
    Role(&'static str),
}

/// A logged-in user lacked a permission or role: a 403 that the app's error
/// handlers get by type (`#[errorhandler(Forbidden)]`) or by status.
#[derive(Debug, thiserror::Error)]
#[error("{}", match .0 { Missing::Permission(p) => format!("lacks the permission `{p}`"), Missing::Role(r) => format!("lacks the role `{r}`") })]
pub struct Forbidden(pub Missing);

pub(crate) fn forbidden(missing: Missing) -> Error {
    tracing::info!(?missing, "access refused");
    Error::new(StatusCode::FORBIDDEN, Forbidden(missing))
        .with_message("You do not have permission to do that.")
}
