//! Signed cookie values: any text a client sends is verified or refused without a
//! panic, and whatever is signed verifies back to itself under the same name only.
#![no_main]
#![forbid(unsafe_code)]

use framework_sessions::KeyRing;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn keys() -> &'static KeyRing {
    static KEYS: OnceLock<KeyRing> = OnceLock::new();
    KEYS.get_or_init(|| KeyRing::new("fuzzing secret key", ["an older fuzzing key"]))
}

fuzz_target!(|text: &str| {
    let keys = keys();
    // As a client would send it, under the session cookie's name.
    let _ = keys.verify("session", text);
    // As the server makes it.
    let (name, value) = text.split_once('\n').unwrap_or(("session", text));
    let signed = keys.sign(name, value);
    assert_eq!(
        keys.verify(name, &signed),
        Some((value.to_owned(), false)),
        "sign({name:?}, {value:?}) = {signed:?} does not verify"
    );
    if name != "other" {
        assert_eq!(keys.verify("other", &signed), None, "verified under another name");
    }
});
