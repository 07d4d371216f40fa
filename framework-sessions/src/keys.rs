//! The keys that sign session cookies: the app's `SECRET_KEY`, plus older keys that
//! still verify cookies signed before a rotation (Flask's `SECRET_KEY_FALLBACKS`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256, Sha512};

type HmacSha256 = Hmac<Sha256>;

/// Length of a signature in the cookie: base64 of 32 bytes, no padding.
const SIGNATURE_LEN: usize = 43;

/// Signing keys, newest first, each an HMAC-SHA256 already keyed (so signing and
/// verifying hash only the message).
#[derive(Clone)]
pub struct KeyRing {
    keys: Vec<HmacSha256>,
}

impl KeyRing {
    /// Keys derived from secrets of any length (SHA-512 of each), the first one
    /// signing, all of them verifying.
    pub fn new<'a>(secret: &'a str, fallbacks: impl IntoIterator<Item = &'a str>) -> Self {
        let keys = std::iter::once(secret)
            .chain(fallbacks)
            .map(|secret| {
                let key = Sha512::digest(secret.as_bytes());
                HmacSha256::new_from_slice(&key).expect("HMAC takes keys of any length")
            })
            .collect();
        Self { keys }
    }

    fn mac(key: &HmacSha256, name: &str, value: &str) -> HmacSha256 {
        let mut mac = key.clone();
        mac.update(name.as_bytes());
        mac.update(b"=");
        mac.update(value.as_bytes());
        mac
    }

    /// `value` signed with the newest key, as the cookie's value: the signature
    /// (which also covers the cookie's name, so a value signed for another cookie is
    /// refused) followed by the value.
    pub fn sign(&self, name: &str, value: &str) -> String {
        let tag = Self::mac(&self.keys[0], name, value)
            .finalize()
            .into_bytes();
        let mut out = URL_SAFE_NO_PAD.encode(tag);
        out.push_str(value);
        out
    }

    /// The value inside a signed cookie value, and whether a fallback key (not the
    /// newest) verified it. `None` for a value no key signed: tampered, truncated or
    /// foreign. Comparison is constant-time.
    pub fn verify(&self, name: &str, signed: &str) -> Option<(String, bool)> {
        if signed.len() < SIGNATURE_LEN || !signed.is_char_boundary(SIGNATURE_LEN) {
            return None;
        }
        let (tag, value) = signed.split_at(SIGNATURE_LEN);
        let mut expected = [0u8; 33];
        let len = URL_SAFE_NO_PAD.decode_slice(tag, &mut expected).ok()?;
        let tag = &expected[..len];
        self.keys.iter().enumerate().find_map(|(index, key)| {
            Self::mac(key, name, value)
                .verify_slice(tag)
                .ok()
                .map(|()| (value.to_owned(), index > 0))
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
        assert_eq!(ring.verify("session", signed.get(..10).unwrap()), None);
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
