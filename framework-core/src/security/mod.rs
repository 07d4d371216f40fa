//! What an app does for its own safety on every request: security headers on every
//! response ([`SecurityHeaders`]), and the reverse proxies whose `X-Forwarded-*`
//! headers it believes ([`TrustedProxies`]).

mod headers;
mod outermost;
mod proxies;

pub use headers::{DEFAULT_HSTS, InvalidHeader, SecurityHeaders};
pub(crate) use outermost::{Outermost, OutermostService};
pub(crate) use proxies::{ForwardedPrefix, is_path_prefix};
pub use proxies::{InvalidProxies, TrustedProxies};
