//! Flask's way of working on axum: write a function, put an attribute on it, get a
//! route; mistakes in paths, parameters, links and hooks fail the build.
//!
//! # Example
//!
//! ```no_run
//! use framework_core::prelude::*;
//!
//! #[get("/")]
//! async fn index() -> &'static str {
//!     "Hello, World!"
//! }
//!
//! #[get("/users/<id>")]
//! async fn user(id: u64) -> String {
//!     format!("user {id}")
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let app = App::new().register(routes![index, user]);
//!     assert_eq!(user::url(42).as_str(), "/users/42");
//!     app.serve("127.0.0.1:5000").await?;
//!     Ok(())
//! }
//! ```
#![forbid(unsafe_code)]

extern crate self as framework_core;

pub mod app;
pub mod blueprint;
pub mod cli;
pub mod config;
pub mod cookies;
pub mod error;
pub mod extract;
pub mod g;
pub mod handler;
pub mod hooks;
pub mod input;
pub mod logging;
pub mod middleware;
pub mod pipeline;
pub mod ratelimit;
mod requires;
pub mod response;
pub mod routing;
pub mod scaffold;
pub mod security;
pub mod serve;
pub mod static_files;
pub mod templates;
pub mod testing;
pub mod url;
mod url_names;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use app::{App, BuildError};
pub use blueprint::Blueprint;
pub use error::{Error, Result, abort};
pub use g::G;
pub use requires::Requirement;
pub use response::{redirect, redirect_see_other, send_file, send_from_directory};
pub use url::Url;

#[doc(inline)]
pub use framework_macros::{
    after_app_request, after_request, app_errorhandler, before_app_request, before_request,
    blueprint, delete, errorhandler, get, patch, post, put, route, teardown_app_request,
    teardown_request, url_for,
};

// The crates whose types and derives an app uses. The derives name their crate, so
// an app lists askama, serde and validator itself; these paths serve
// `#[serde(crate = "framework_core::serde")]`, `#[validate(crate = "framework_core::validator")]`
// and `#[template(.., askama = framework_core::askama)]` for code that cannot.
pub use askama;
pub use axum;
pub use http;
pub use serde;
pub use validator;

/// The routes, hooks and error handlers written outside blueprints, to register on an
/// [`App`] (Rocket's `routes!`): `App::new().register(routes![index, about])`.
///
/// Each name is a function marked with `#[route]`, `#[get]`, …, `#[before_request]`,
/// `#[errorhandler(..)]` and so on, by path if it lives in another module. Items in
/// a `#[blueprint]` module are registered by its `blueprint()` instead.
///
/// ```
/// use framework_core::prelude::*;
///
/// #[get("/")]
/// async fn index() -> &'static str {
///     "index"
/// }
///
/// #[errorhandler(404)]
/// async fn not_found() -> (StatusCode, &'static str) {
///     (StatusCode::NOT_FOUND, "nothing here")
/// }
///
/// let app = App::new().register(routes![index, not_found]);
/// assert_eq!(app.routes().len(), 1);
/// ```
///
/// An item written outside a `#[blueprint]` that no `routes![..]` takes fails the
/// build at its name (``associated function `never_registered_add_it_to_routes` is
/// never used``): each item has that hidden function, and this macro is what calls it.
#[macro_export]
macro_rules! routes {
    ($($item:path),* $(,)?) => {
        $crate::__private::Items::new()
            $(.with(<$item>::never_registered_add_it_to_routes()))*
    };
}

/// What an app needs in scope: `use framework_core::prelude::*;`.
pub mod prelude {
    pub use crate::input::{FormErrors, FormResult, Multipart, ValidForm, ValidJson, ValidQuery};
    pub use crate::{
        App, Blueprint, Error, G, Result, Url, abort, after_app_request, after_request,
        app_errorhandler, before_app_request, before_request, blueprint, delete, errorhandler, get,
        patch, post, put, redirect, route, routes, teardown_app_request, teardown_request, url_for,
    };
    pub use crate::{redirect_see_other, send_file, send_from_directory};
    pub use axum::extract::{Extension, Form, Json, Query};
    pub use axum::response::{Html, IntoResponse, Redirect, Response};
    pub use http::{HeaderMap, HeaderValue, Method, StatusCode};
    pub use serde::{Deserialize, Serialize};
    pub use validator::Validate;
}
