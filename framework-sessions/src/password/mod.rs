//! Password hashes in Werkzeug's formats, so a Flask app's user table moves over
//! unchanged: new hashes are `scrypt:32768:8:1$SALT$HEX` (Werkzeug 3's default), and
//! `scrypt:N:r:p$…` and `pbkdf2:sha256:ITERATIONS$…` / `pbkdf2:sha512:…` verify.

use rand::Rng;
use rand::distributions::Alphanumeric;
use rand::rngs::OsRng;
use subtle::ConstantTimeEq;

/// Werkzeug's default scrypt parameters: N = 2^15, r = 8, p = 1 (32 MiB per hash).
const SCRYPT_LOG_N: u8 = 15;
const SCRYPT_R: u32 = 8;
const SCRYPT_P: u32 = 1;
/// Werkzeug's default pbkdf2 iterations when a hash names none.
const PBKDF2_DEFAULT_ITERATIONS: u32 = 1_000_000;
/// Limits on what a stored hash may ask for, so a hostile row cannot stall the server.
const MAX_SCRYPT_MEMORY: u64 = 256 * 1024 * 1024;
const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// A new hash of `password`: `scrypt:32768:8:1$SALT$HEX`, with a 16-character random
/// salt, exactly as Werkzeug's `generate_password_hash` makes them.
///
/// ```
/// use framework_sessions::password::{check_password_hash, generate_password_hash};
///
/// let hash = generate_password_hash("correct horse");
/// assert!(hash.starts_with("scrypt:32768:8:1$"));
/// assert!(check_password_hash(&hash, "correct horse"));
/// assert!(!check_password_hash(&hash, "wrong"));
/// ```
pub fn generate_password_hash(password: &str) -> String {
    let salt: String = OsRng
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect();
    let mut key = [0u8; 64];
    let params = scrypt::Params::new(SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, key.len())
        .expect("Werkzeug's scrypt parameters are valid");
    scrypt::scrypt(password.as_bytes(), salt.as_bytes(), &params, &mut key)
        .expect("the output length is valid");
    format!(
        "scrypt:{}:{SCRYPT_R}:{SCRYPT_P}${salt}${}",
        1u32 << SCRYPT_LOG_N,
        hex::encode(key)
    )
}

/// Whether `password` matches `hash` (Werkzeug's `check_password_hash`). A malformed
/// hash, an unknown method or parameters beyond sane limits give `false`, never a
/// panic. The comparison is constant-time.
///
/// ```
/// use framework_sessions::password::check_password_hash;
///
/// // From the Flask tutorial's test data: the password is `test`.
/// let hash = "pbkdf2:sha256:50000$TCI4GzcX$0de171a4f4dac32e3364c7ddc7c14f3e2fa61f2d17574483f7ffbb431b4acb2f";
/// assert!(check_password_hash(hash, "test"));
/// ```
pub fn check_password_hash(hash: &str, password: &str) -> bool {
    let mut parts = hash.splitn(3, '$');
    let (Some(method), Some(salt), Some(expected_hex)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let Ok(expected) = hex::decode(expected_hex) else {
        return false;
    };
    if expected.is_empty() || expected.len() > 128 {
        return false;
    }
    let mut actual = vec![0u8; expected.len()];
    let computed = match method.split(':').collect::<Vec<_>>().as_slice() {
        ["scrypt", rest @ ..] => scrypt_into(rest, password, salt, &mut actual),
        ["pbkdf2", rest @ ..] => pbkdf2_into(rest, password, salt, &mut actual),
        _ => false,
    };
    computed && bool::from(actual.ct_eq(&expected))
}

fn scrypt_into(args: &[&str], password: &str, salt: &str, out: &mut [u8]) -> bool {
    let (n, r, p) = match args {
        [] => (1u64 << SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P),
        [n, r, p] => match (n.parse::<u64>(), r.parse::<u32>(), p.parse::<u32>()) {
            (Ok(n), Ok(r), Ok(p)) => (n, r, p),
            _ => return false,
        },
        _ => return false,
    };
    if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 {
        return false;
    }
    if 128u64
        .saturating_mul(n)
        .saturating_mul(u64::from(r))
        .saturating_mul(u64::from(p))
        > MAX_SCRYPT_MEMORY
    {
        return false;
    }
    let log_n = n.trailing_zeros() as u8;
    let Ok(params) = scrypt::Params::new(log_n, r, p, out.len()) else {
        return false;
    };
    scrypt::scrypt(password.as_bytes(), salt.as_bytes(), &params, out).is_ok()
}

fn pbkdf2_into(args: &[&str], password: &str, salt: &str, out: &mut [u8]) -> bool {
    let (digest, iterations) = match args {
        [] => ("sha256", PBKDF2_DEFAULT_ITERATIONS),
        [digest] => (*digest, PBKDF2_DEFAULT_ITERATIONS),
        [digest, iterations] => match iterations.parse::<u32>() {
            Ok(i) => (*digest, i),
            Err(_) => return false,
        },
        _ => return false,
    };
    if iterations == 0 || iterations > MAX_PBKDF2_ITERATIONS {
        return false;
    }
    let (password, salt) = (password.as_bytes(), salt.as_bytes());
    match digest {
        "sha256" => {
            pbkdf2::pbkdf2::<hmac::Hmac<sha2::Sha256>>(password, salt, iterations, out).is_ok()
        }
        "sha512" => {
            pbkdf2::pbkdf2::<hmac::Hmac<sha2::Sha512>>(password, salt, iterations, out).is_ok()
        }
        // Werkzeug accepts any hashlib name; a Flask app's hashes use these two.
        _ => false,
    }
}

mod pool;

pub use pool::{check_password_hash_async, generate_password_hash_async};
