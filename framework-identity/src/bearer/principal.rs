//! Who a valid bearer token speaks for, and what it may do.

use serde_json::{Map, Value};

use super::scopes::Scope;

/// The subject of a verified bearer token (a JWT's `sub`, an API key's owner) and
/// its scopes.
#[derive(Clone, Debug, Default)]
pub struct Principal {
    /// Whom the token speaks for.
    pub subject: String,
    /// The scopes granted.
    pub scopes: Vec<String>,
    /// Every claim of a JWT (empty for an API key).
    pub claims: Map<String, Value>,
}

impl Principal {
    /// A principal with these scopes (what an [`ApiKeys`](super::ApiKeys) store
    /// returns for a key).
    ///
    /// ```
    /// use framework_identity::bearer::Principal;
    ///
    /// framework_identity::scopes! { pub ReadPosts = "posts:read"; }
    ///
    /// let service = Principal::new("backup-job", ["posts:read"]);
    /// assert!(service.has::<ReadPosts>());
    /// ```
    pub fn new<S: Into<String>>(subject: &str, scopes: impl IntoIterator<Item = S>) -> Self {
        Principal {
            subject: subject.to_owned(),
            scopes: scopes.into_iter().map(Into::into).collect(),
            claims: Map::new(),
        }
    }

    /// Whether the token carries scope `S`.
    pub fn has<S: Scope>(&self) -> bool {
        self.scopes.iter().any(|s| s == S::NAME)
    }
}
