//! What an app does for its own safety on every request: security headers on every
//! response ([`SecurityHeaders`]).

mod headers;

pub use headers::{DEFAULT_HSTS, InvalidHeader, SecurityHeaders};
