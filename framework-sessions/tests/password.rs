//! Werkzeug compatibility: hashes made by Python's Werkzeug verify here, and hashes
//! made here verify in Werkzeug.
#![forbid(unsafe_code)]

use framework_sessions::password::{check_password_hash, generate_password_hash};

/// The Flask tutorial's test data (`tests/data.sql`): passwords `test` and `other`.
const FLASKR_TEST: &str =
    "pbkdf2:sha256:50000$TCI4GzcX$0de171a4f4dac32e3364c7ddc7c14f3e2fa61f2d17574483f7ffbb431b4acb2f";
const FLASKR_OTHER: &str =
    "pbkdf2:sha256:50000$kJPKsz6N$d2d4784f1b030a9761f5ccaeeaca413f27f2ecb76d6168407af962ddce849f79";

/// Made with Werkzeug 3 (`generate_password_hash("secret", method=...)`).
const WERKZEUG_PBKDF2_SHA256: &str = "pbkdf2:sha256:50000$2zRWaIgOw8tdQrzi$1591d530e6e513817f339a0593e6de7a2c4fcca7313cc6f76b8eef95e0fa7ca0";
const WERKZEUG_PBKDF2_SHA512: &str = "pbkdf2:sha512:1000$Ynw1oQycoHUncvxL$1b6f4740b2ed2f5e8afb0ffdd82638bf9d430b85dd83db4760c2c40b1a1cf3eec09a93a22c360dd8aec6477df52ccbe90e134a25e3e68e7b8e30f94971204fd0";
const WERKZEUG_SCRYPT_DEFAULT: &str = "scrypt:32768:8:1$kinfkpCh4ETCTxwq$2c9a77742505037b5fe08c9b17d5c9e25f6134b75de2f17886c8171dd16ca5fe3425638bb5fd94a84c7de74d472f683eb28b1d626da86928e07ff1534b0111ca";
const WERKZEUG_SCRYPT_SMALL: &str = "scrypt:1024:8:1$d42QxrrBlFtRJldI$ab124d53530adfbc827d1902f8290a561f9da27892f75abc51ae2226d297ac81cce12a65f43ba3f65aaf900291c4fa752ddae6886b7526cd0d0c42519431f692";

/// Made by `generate_password_hash("secret")` here, and checked in Python with
/// `werkzeug.security.check_password_hash(HASH, "secret")` (True).
const OURS_SCRYPT: &str = "scrypt:32768:8:1$g5aYrAxL2j4v1gtd$957eb032fee295219acb037073bb2274c5dff619d27c3d77779af68cb7d6027716485eb3e770089a9320c7e75e88cdf56e43c1a38982efc03e9254866ac90896";

#[test]
fn flaskr_test_users_verify() {
    assert!(check_password_hash(FLASKR_TEST, "test"));
    assert!(!check_password_hash(FLASKR_TEST, "other"));
    assert!(check_password_hash(FLASKR_OTHER, "other"));
}

#[test]
fn werkzeug_hashes_verify() {
    for hash in [
        WERKZEUG_PBKDF2_SHA256,
        WERKZEUG_PBKDF2_SHA512,
        WERKZEUG_SCRYPT_DEFAULT,
        WERKZEUG_SCRYPT_SMALL,
    ] {
        assert!(check_password_hash(hash, "secret"), "{hash}");
        assert!(!check_password_hash(hash, "Secret"), "{hash}");
    }
}

#[test]
fn our_hashes_verify_here_and_in_werkzeug() {
    let hash = generate_password_hash("secret");
    let parts: Vec<&str> = hash.split('$').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0], "scrypt:32768:8:1");
    assert_eq!(parts[1].len(), 16);
    assert!(parts[1].chars().all(|c| c.is_ascii_alphanumeric()));
    assert_eq!(parts[2].len(), 128);
    assert!(check_password_hash(&hash, "secret"));
    assert!(!check_password_hash(&hash, "secreT"));
    assert_ne!(
        generate_password_hash("secret"),
        hash,
        "a new salt each time"
    );
    assert!(check_password_hash(OURS_SCRYPT, "secret"));
}

#[test]
fn malformed_hashes_are_false_not_panics() {
    for bad in [
        "",
        "scrypt",
        "pbkdf2:sha256:50000$salt",
        "md5$x$y",
        "pbkdf2:sha256:50000$salt$zz",
        "pbkdf2:sha256:0$salt$00",
        "pbkdf2:sha256:many$salt$00",
        "pbkdf2:sha256:99999999999$salt$00",
        "pbkdf2:md5:1000$salt$00",
        "scrypt:0:8:1$salt$00",
        "scrypt:1000:8:1$salt$00",
        "scrypt:1048576:8:8$salt$00",
        "scrypt:16:8$salt$00",
        "pbkdf2:sha256:1000$salt$",
    ] {
        assert!(!check_password_hash(bad, "secret"), "{bad:?}");
    }
}
