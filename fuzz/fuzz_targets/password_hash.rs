//! Werkzeug password hashes as they come from a user table: any text is checked (and
//! refused unless it really is a hash of the password) without a panic, whatever
//! method, parameters, salt or digest it claims.
#![no_main]
#![forbid(unsafe_code)]

use framework_sessions::password::check_password_hash;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (hash, password) = text.split_once('\n').unwrap_or((text, "password"));
    let _ = check_password_hash(hash, password);
});
