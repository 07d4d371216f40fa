//! Cookies, as Flask's `request.cookies` and `response.set_cookie`: axum-extra's jars,
//! plain, signed and private (encrypted), with the signing key derived from the app's
//! `SECRET_KEY`, so a handler takes a jar and nothing has to be wired.
//!
//! - [`CookieJar`]: plain cookies; the client can read and change them.
//! - [`SignedCookies`]: the client can read them but not change them; a changed or
//!   forged cookie is not there (`get` gives `None`), never an error.
//! - [`PrivateCookies`]: encrypted and authenticated; the client can neither read
//!   nor change them.
//!
//! A jar is both an extractor and a part of the response: cookies added to it are
//! sent when the handler returns it with its answer.
//!
//! ```
//! use framework_core::config::Config;
//! use framework_core::cookies::{Cookie, SignedCookies};
//! use framework_core::prelude::*;
//! use framework_core::testing::TestClient;
//!
//! #[get("/visit")]
//! async fn visit(SignedCookies(jar): SignedCookies) -> impl IntoResponse {
//!     let visits: u32 = jar.get("visits").and_then(|c| c.value().parse().ok()).unwrap_or(0) + 1;
//!     (jar.add(Cookie::new("visits", visits.to_string())), format!("visit {visits}"))
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let config = Config::from_vars([("SECRET_KEY", "a key of at least thirty-two characters")]).unwrap();
//! let client = TestClient::new(App::new().register(routes![visit]).configure(&config).unwrap());
//! assert_eq!(client.get("/visit").send().await.text(), "visit 1");
//! assert_eq!(client.get("/visit").send().await.text(), "visit 2");
//! # }
//! ```

mod jars;
mod key;

pub use jars::{PrivateCookies, SignedCookies};
pub(crate) use key::derive;

pub use axum_extra::extract::cookie::{
    Cookie, CookieJar, Expiration, Key, PrivateCookieJar, SameSite, SignedCookieJar,
};
