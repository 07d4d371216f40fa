//! Sessions for `framework-core`, secure by default: a signed session cookie
//! (`HttpOnly`, `SameSite=Lax`, `Secure` outside development) pointing at data kept
//! server-side in the store `SESSION_STORE` names (`memory`, `sqlite://PATH`,
//! `redis://HOST:PORT[/DB]`), written back only when it changed.
#![forbid(unsafe_code)]

mod error;
mod keys;
mod layer;
mod session;
mod settings;
mod store;

pub use error::SetupError;
pub use keys::KeyRing;
pub use layer::{SessionLayer, SessionService};
pub use session::Session;
pub use settings::{MIN_SECRET_KEY_LEN, SessionSettings};
pub use store::Store;
