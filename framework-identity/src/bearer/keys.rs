//! Opaque API keys: the app keeps only their SHA-256 digests and looks a key up
//! by its digest through [`ApiKeys`].

use std::future::Future;
use std::pin::Pin;

use framework_core::Error;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::principal::Principal;

/// Where the app keeps its API keys, by digest ([`hash_api_key`]): a key is never
/// stored, so a leaked table gives no key away.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_identity::bearer::{ApiKeys, Principal, hash_api_key};
///
/// struct Keys(Vec<(String, Principal)>);
///
/// impl ApiKeys for Keys {
///     async fn find(&self, digest: &str) -> Result<Option<Principal>> {
///         Ok(self.0.iter().find(|(d, _)| d == digest).map(|(_, p)| p.clone()))
///     }
/// }
///
/// let keys = Keys(vec![(hash_api_key("k_secret"), Principal::new("ci", ["posts:read"]))]);
/// # let _ = keys;
/// ```
pub trait ApiKeys: Send + Sync + 'static {
    /// The principal of the key whose digest is `digest`, if there is one (and it
    /// is not revoked).
    fn find(&self, digest: &str) -> impl Future<Output = Result<Option<Principal>, Error>> + Send;
}

/// [`ApiKeys`] behind a pointer (the trait's futures are not object-safe).
pub(crate) trait DynApiKeys: Send + Sync {
    fn find_dyn<'a>(
        &'a self,
        digest: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Option<Principal>, Error>> + Send + 'a>>;
}

impl<K: ApiKeys> DynApiKeys for K {
    fn find_dyn<'a>(
        &'a self,
        digest: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Option<Principal>, Error>> + Send + 'a>> {
        Box::pin(self.find(digest))
    }
}

/// The digest an API key is kept under: SHA-256, in hex. Keys are long random
/// strings ([`generate_api_key`]), so a fast hash is enough (no password stretching).
///
/// ```
/// use framework_identity::bearer::hash_api_key;
///
/// assert_eq!(hash_api_key("abc").len(), 64);
/// assert_eq!(hash_api_key("abc"), hash_api_key("abc"));
/// ```
pub fn hash_api_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// A new API key: `prefix` and 32 random bytes in URL-safe base64. Show it once;
/// keep only [`hash_api_key`] of it.
///
/// ```
/// use framework_identity::bearer::generate_api_key;
///
/// let key = generate_api_key("fk_");
/// assert!(key.starts_with("fk_") && key.len() > 40);
/// ```
pub fn generate_api_key(prefix: &str) -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}
