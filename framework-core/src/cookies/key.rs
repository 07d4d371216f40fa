//! The key that signs and encrypts the app's cookies, derived from `SECRET_KEY`.

use axum_extra::extract::cookie::Key;
use sha2::{Digest, Sha512};

use crate::config::Config;

/// The cookie key for `config`: derived from `SECRET_KEY` (of any length: its SHA-512
/// is expanded with HKDF, so the key differs from the one that signs sessions); in
/// development without one, a random key (cookies then last until a restart). `Err`
/// says why there is none: production without a long enough `SECRET_KEY`.
pub(crate) fn derive(config: &Config) -> Result<Key, String> {
    match (&config.secret_key, config.is_production()) {
        (Some(secret), true) if secret.chars().count() < MIN_LEN => Err(format!(
            "SECRET_KEY is {} characters long; signed and private cookies in production need at least {MIN_LEN} (generate one with `openssl rand -hex 32`)",
            secret.chars().count()
        )),
        (Some(secret), _) => Ok(Key::derive_from(&Sha512::digest(secret.as_bytes()))),
        (None, true) => Err(format!(
            "SECRET_KEY is not set; signed and private cookies in production need a secret key of at least {MIN_LEN} characters (generate one with `openssl rand -hex 32`)"
        )),
        (None, false) => Ok(Key::generate()),
    }
}

/// The shortest `SECRET_KEY` production accepts, as for sessions.
const MIN_LEN: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_secret_gives_the_same_key_and_production_needs_one() {
        let config = Config::from_vars([("SECRET_KEY", "short")]).unwrap();
        assert_eq!(
            derive(&config).unwrap().master(),
            derive(&config).unwrap().master()
        );
        let production = Config::from_vars([("SECRET_KEY", "short"), ("APP_ENV", "production")]);
        let error = derive(&production.unwrap()).unwrap_err();
        assert!(error.contains("SECRET_KEY is 5 characters long"), "{error}");
        let unset = Config::from_vars([("APP_ENV", "production")]).unwrap();
        assert!(
            derive(&unset)
                .unwrap_err()
                .contains("SECRET_KEY is not set")
        );
    }
}
