//! The keys that sign session cookies: the app's `SECRET_KEY`, plus older keys that
//! still verify cookies signed before a rotation (Flask's `SECRET_KEY_FALLBACKS`).

use cookie::{Cookie, CookieJar, Key};
use sha2::{Digest, Sha512};

/// Signing keys, newest first.
#[derive(Clone)]
pub struct KeyRing {
    keys: Vec<Key>,
}

impl KeyRing {
    /// Keys derived from secrets of any length (SHA-512 of each), the first one
    /// signing, all of them verifying.
    pub fn new<'a>(secret: &'a str, fallbacks: impl IntoIterator<Item = &'a str>) -> Self {
        let keys = std::iter::once(secret)
            .chain(fallbacks)
            .map(|secret| Key::from(&Sha512::digest(secret.as_bytes())))
            .collect();
        Self { keys }
    }

    /// `value` signed with the newest key, as the cookie's value. The signature also
    /// covers the cookie's name, so a value signed for another cookie is refused.
    pub fn sign(&self, name: &str, value: &str) -> String {
        let mut jar = CookieJar::new();
        jar.signed_mut(&self.keys[0])
            .add(Cookie::new(name.to_owned(), format!("{name}|{value}")));
        jar.get(name)
            .map(|cookie| cookie.value().to_owned())
            .unwrap_or_default()
    }

    /// The value inside a signed cookie value, and whether a fallback key (not the
    /// newest) verified it. `None` for a value no key signed: tampered, truncated or
    /// foreign.
    pub fn verify(&self, name: &str, signed: &str) -> Option<(String, bool)> {
        let jar = CookieJar::new();
        let prefix = format!("{name}|");
        self.keys.iter().enumerate().find_map(|(index, key)| {
            let cookie = jar
                .signed(key)
                .verify(Cookie::new(name.to_owned(), signed.to_owned()))?;
            let value = cookie.value().strip_prefix(&prefix)?;
            Some((value.to_owned(), index > 0))
        })
    }
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyRing")
            .field("keys", &self.keys.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::KeyRing;

    #[test]
    fn signs_and_verifies() {
        let ring = KeyRing::new("secret", []);
        let signed = ring.sign("session", "abc");
        assert_ne!(signed, "abc");
        assert_eq!(
            ring.verify("session", &signed),
            Some(("abc".to_owned(), false))
        );
    }

    #[test]
    fn rejects_tampered_truncated_and_foreign_values() {
        let ring = KeyRing::new("secret", []);
        let signed = ring.sign("session", "abc");
        let mut tampered = signed.clone();
        tampered.pop();
        tampered.push('x');
        assert_eq!(ring.verify("session", &tampered), None);
        assert_eq!(ring.verify("session", &signed[..10]), None);
        assert_eq!(ring.verify("session", ""), None);
        let foreign = KeyRing::new("other", []).sign("session", "abc");
        assert_eq!(ring.verify("session", &foreign), None);
        // A value signed for another cookie name does not verify either.
        assert_eq!(ring.verify("other", &signed), None);
    }

    #[test]
    fn fallback_keys_still_verify() {
        let old = KeyRing::new("old secret", []);
        let rotated = KeyRing::new("new secret", ["old secret"]);
        let signed = old.sign("session", "abc");
        assert_eq!(
            rotated.verify("session", &signed),
            Some(("abc".to_owned(), true))
        );
    }
}
