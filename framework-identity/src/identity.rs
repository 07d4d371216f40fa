//! Who signed in, as the provider vouches for it, and how the app turns that into
//! one of its users.

use std::future::Future;

use framework_core::Error;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// A verified sign-in: the provider, the user's stable subject there, and every
/// claim of the ID token and the userinfo answer (userinfo wins where both say).
#[derive(Clone, Debug)]
pub struct Identity {
    /// The provider's name in the app's configuration.
    pub provider: String,
    /// The issuer (OpenID Connect), `None` for a plain OAuth 2.0 provider.
    pub issuer: Option<String>,
    /// The user's id at the provider: with `provider`, the key to link an account by.
    pub subject: String,
    /// All claims.
    pub claims: Map<String, Value>,
}

impl Identity {
    /// A claim, typed; `None` if it is missing or has another type.
    ///
    /// ```
    /// use framework_identity::Identity;
    /// use serde_json::json;
    ///
    /// let identity = Identity {
    ///     provider: "company".into(),
    ///     issuer: None,
    ///     subject: "42".into(),
    ///     claims: json!({"email": "a@example.test", "roles": ["editor"]}).as_object().unwrap().clone(),
    /// };
    /// assert_eq!(identity.claim::<Vec<String>>("roles").unwrap(), ["editor"]);
    /// assert_eq!(identity.email(), Some("a@example.test"));
    /// ```
    pub fn claim<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        self.claims
            .get(name)
            .and_then(|value| serde_json::from_value(value.clone()).ok())
    }

    /// The `email` claim.
    pub fn email(&self) -> Option<&str> {
        self.claims.get("email").and_then(Value::as_str)
    }

    /// Whether the provider says it checked the email address (`email_verified`).
    /// Link an existing account by email only when this is true.
    pub fn email_verified(&self) -> bool {
        self.claims
            .get("email_verified")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The `name` claim.
    pub fn name(&self) -> Option<&str> {
        self.claims.get("name").and_then(Value::as_str)
    }
}

/// How the app finds (or creates) its user for a verified sign-in: link by
/// `(provider, subject)`, create one on first sign-in, or refuse with an error
/// (`abort(StatusCode::FORBIDDEN)`: that address may not use this app).
///
/// ```
/// use framework_core::prelude::*;
/// use framework_identity::{Accounts, Identity};
///
/// /// The app's accounts, kept in a database in real life.
/// struct Members<'a>(&'a mut Vec<(String, String)>);
///
/// impl Accounts for Members<'_> {
///     type Id = usize;
///
///     async fn link(&mut self, identity: &Identity) -> Result<usize> {
///         let key = (identity.provider.clone(), identity.subject.clone());
///         if let Some(id) = self.0.iter().position(|k| *k == key) {
///             return Ok(id);
///         }
///         self.0.push(key);
///         Ok(self.0.len() - 1)
///     }
/// }
/// ```
pub trait Accounts: Send {
    /// The user id the session keeps (`framework_sessions::User::Id`).
    type Id: Serialize + Send;

    /// The app's user for this sign-in.
    fn link(&mut self, identity: &Identity)
    -> impl Future<Output = Result<Self::Id, Error>> + Send;
}
