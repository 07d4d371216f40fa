//! Identity for `framework-core` apps: sign-in with OpenID Connect / OAuth 2.0
//! providers ([`oidc`]), roles and permissions checked by type ([`authz`]), and
//! bearer tokens for APIs ([`bearer`]).
//! Password login and the session's user stay in `framework-sessions`; a sign-in
//! here ends in its `log_in`, so `CurrentUser` and `LoginRequired` work the same
//! whichever way the user came in.
//!
//! ```
//! use framework_identity::oidc::{Oidc, Provider};
//!
//! let oidc = Oidc::builder()
//!     .provider(
//!         Provider::discover("company", "https://login.example.com")
//!             .client("my-app", "my-secret")
//!             .redirect_uri("https://app.example.com/auth/oidc/company/callback")
//!             .scopes(["email", "profile"]),
//!     )
//!     .build()
//!     .unwrap();
//! assert_eq!(oidc.providers().collect::<Vec<_>>(), ["company"]);
//! ```
#![forbid(unsafe_code)]

pub mod authz;
pub mod bearer;
mod identity;
pub mod oidc;

pub use identity::{Accounts, Identity};

/// What the declaration macros' expansions name. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use framework_core::Requirement;
}
