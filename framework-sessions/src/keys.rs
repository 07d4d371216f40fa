//! The keys that sign session cookies: the app's `SECRET_KEY`, plus older keys that
//! still verify cookies signed before a rotation (Flask's `SECRET_KEY_FALLBACKS`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use subtle::ConstantTimeEq;

/// Bytes of the MAC kept in the cookie: 128 bits, the tag length of HMAC-SHA256-128
/// and AES-GCM. Forging one takes 2^127 guesses on average, each a request.
const TAG_LEN: usize = 16;

/// Length of a signature in the cookie: base64 of [`TAG_LEN`] bytes, no padding.
pub(crate) const SIGNATURE_LEN: usize = 22;

/// Inputs up to this long (a cookie's name, `=` and a session id) are hashed from
/// one buffer with BLAKE3's one-shot function, which skips the incremental
/// hasher's setup and its tree state.
const SHORT_INPUT: usize = 128;

/// What the keys are for: a secret used for something else gives other keys.
const CONTEXT: &str = "framework-sessions session cookie signature, v1";

/// Signing keys, newest first.
///
/// A cookie's signature is BLAKE3 in its keyed mode (a MAC) over the cookie's name
/// and value, keyed with a key derived from the secret, its first 128 bits kept. It is the work of every
/// request that brings a session cookie, so the MAC is one chosen for short inputs:
/// a session id's signature is a single BLAKE3 compression, where HMAC-SHA256 takes
/// two SHA-256 compressions, each several times its cost without SHA instructions.
#[derive(Clone)]
pub struct KeyRing {
    keys: Vec<[u8; blake3::KEY_LEN]>,
}

impl KeyRing {
    /// Keys derived from secrets of any length, the first one signing, all of them
    /// verifying.
    ///
    /// ```
    /// use framework_sessions::KeyRing;
    ///
    /// let old = KeyRing::new("old secret", []);
    /// let signed = old.sign("session", "abc");
    /// let rotated = KeyRing::new("new secret", ["old secret"]);
    /// assert_eq!(rotated.verify("session", &signed), Some(("abc".to_owned(), true)));
    /// ```
    pub fn new<'a>(secret: &'a str, fallbacks: impl IntoIterator<Item = &'a str>) -> Self {
        let keys = std::iter::once(secret)
            .chain(fallbacks)
            .map(|secret| blake3::derive_key(CONTEXT, secret.as_bytes()))
            .collect();
        Self { keys }
    }

    fn mac(key: &[u8; blake3::KEY_LEN], name: &str, value: &str) -> [u8; TAG_LEN] {
        let len = name.len() + 1 + value.len();
        let hash = if len <= SHORT_INPUT {
            let mut input = [0u8; SHORT_INPUT];
            input[..name.len()].copy_from_slice(name.as_bytes());
            input[name.len()] = b'=';
            input[name.len() + 1..len].copy_from_slice(value.as_bytes());
            blake3::keyed_hash(key, &input[..len])
        } else {
            let mut hasher = blake3::Hasher::new_keyed(key);
            hasher.update(name.as_bytes());
            hasher.update(b"=");
            hasher.update(value.as_bytes());
            hasher.finalize()
        };
        let mut tag = [0u8; TAG_LEN];
        tag.copy_from_slice(&hash.as_bytes()[..TAG_LEN]);
        tag
    }

    /// `value` signed with the newest key, as the cookie's value: the signature
    /// (which also covers the cookie's name, so a value signed for another cookie is
    /// refused) followed by the value.
    pub fn sign(&self, name: &str, value: &str) -> String {
        let mut out = String::with_capacity(SIGNATURE_LEN + value.len());
        self.sign_into(name, value, &mut out);
        out
    }

    /// [`sign`](Self::sign), appended to `out`.
    pub(crate) fn sign_into(&self, name: &str, value: &str, out: &mut String) {
        let tag = Self::mac(&self.keys[0], name, value);
        URL_SAFE_NO_PAD.encode_string(tag, out);
        out.push_str(value);
    }

    /// The value inside a signed cookie value, and whether a fallback key (not the
    /// newest) verified it. `None` for a value no key signed: tampered, truncated or
    /// foreign. Comparison is constant-time.
    pub fn verify(&self, name: &str, signed: &str) -> Option<(String, bool)> {
        if signed.len() < SIGNATURE_LEN || !signed.is_char_boundary(SIGNATURE_LEN) {
            return None;
        }
        let (tag, value) = signed.split_at(SIGNATURE_LEN);
        // Room for the decoder's estimate of 22 characters (18 bytes).
        let mut decoded = [0u8; 18];
        let len = URL_SAFE_NO_PAD.decode_slice(tag, &mut decoded).ok()?;
        let tag: [u8; TAG_LEN] = decoded.get(..len)?.try_into().ok()?;
        self.keys.iter().enumerate().find_map(|(index, key)| {
            bool::from(Self::mac(key, name, value).ct_eq(&tag))
                .then(|| (value.to_owned(), index > 0))
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
    fn short_and_long_inputs_are_the_same_mac() {
        // The one-shot path (short inputs) and the incremental one (long inputs) both
        // compute keyed BLAKE3 over `name=value`, truncated.
        let key = [7u8; blake3::KEY_LEN];
        for len in [0, 1, 20, 119, 120, 121, 500] {
            let value = "v".repeat(len);
            let whole = blake3::keyed_hash(&key, format!("session={value}").as_bytes());
            assert_eq!(
                KeyRing::mac(&key, "session", &value)[..],
                whole.as_bytes()[..super::TAG_LEN],
                "value of {len} bytes"
            );
            let ring = KeyRing::new("secret", []);
            let signed = ring.sign("session", &value);
            assert_eq!(signed.len(), super::SIGNATURE_LEN + len);
            assert_eq!(ring.verify("session", &signed), Some((value, false)));
        }
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
