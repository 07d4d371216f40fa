//! Sessions for `framework-core`, secure by default: a signed session cookie
//! (`HttpOnly`, `SameSite=Lax`, `Secure` outside development) pointing at data kept
//! server-side in the store `SESSION_STORE` names (`memory`, `sqlite://PATH`,
//! `redis://HOST:PORT[/DB]`), written back only when it changed; flash messages;
//! CSRF protection; login helpers; Werkzeug-compatible password hashes.
//!
//! The memory store is always there; the others are cargo features, left out by
//! default so that an app carries only what it uses: `sqlite` (SQLite, through
//! sqlx) and `redis` (Redis, through fred).
//!
//! ```
//! use framework_core::config::Config;
//! use framework_core::prelude::*;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let config = Config::from_vars([("SECRET_KEY", "dev")])?;
//! let app = framework_sessions::install(App::new(), &config).await?;
//! # let _ = app;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod bearer;
mod csrf;
mod error;
mod flash;
mod keys;
mod layer;
mod login;
mod page;
pub mod password;
mod session;
mod settings;
mod store;
mod transaction;

pub use bearer::bearer_token;
pub use csrf::{CSRF_FIELD, CSRF_HEADER, Csrf, CsrfLayer};
pub use error::SetupError;
pub use flash::Flash;
pub use keys::KeyRing;
pub use layer::{SessionLayer, Sessions};
pub use login::{CurrentUser, LoginRequired, User, safe_next};
pub use page::PageContext;
pub use session::Session;
pub use settings::{MIN_SECRET_KEY_LEN, SessionSettings};
#[cfg(feature = "sqlite")]
pub use store::SQLITE_SWEEP;
pub use store::{MEMORY_CAPACITY, MemoryStore, SWEEP_EVERY, Store};
pub use transaction::SessionTransaction;

use framework_core::App;
use framework_core::config::Config;

/// Sessions and CSRF protection for every route, in the right order, as `config`
/// says (`SECRET_KEY`, `SESSION_STORE`, …). An error names the setting.
pub async fn install(app: App, config: &Config) -> Result<App, SetupError> {
    install_with(app, config, CsrfLayer::new()).await
}

/// [`install`] with a CSRF layer of the app's own (exempt paths, such as webhooks
/// that sign their bodies; requests with a bearer token need no exemption).
pub async fn install_with(app: App, config: &Config, csrf: CsrfLayer) -> Result<App, SetupError> {
    let sessions = SessionLayer::from_config(config).await?;
    Ok(app.layer(csrf).layer(sessions))
}
