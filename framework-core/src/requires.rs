//! What `requires = Marker` on a route, a blueprint or a `before_request` hook
//! checks: a marker type names a guard (an extractor) that must let the request
//! through before the view, or the blueprint's routes, or the hook runs.

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use http::request::Parts;

/// A marker type that routes, blueprints and `before_request` hooks can require
/// with `requires = Marker`. Its [`Guard`](Self::Guard) is extracted first; when
/// the guard refuses, its rejection is the answer (an error goes through the app's
/// error handlers, as an argument's rejection does).
///
/// `framework_identity`'s `roles!`, `permissions!` (declared `for` the app's user)
/// and `scopes!` implement it for their markers. An app can write its own:
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::Requirement;
/// use framework_core::axum::extract::FromRequestParts;
/// use framework_core::http::request::Parts;
///
/// /// Requests that carry the maintenance header.
/// pub struct Maintenance;
///
/// pub struct MaintenanceHeader;
///
/// impl<S: Send + Sync> FromRequestParts<S> for MaintenanceHeader {
///     type Rejection = StatusCode;
///     async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, StatusCode> {
///         match parts.headers.contains_key("x-maintenance") {
///             true => Ok(MaintenanceHeader),
///             false => Err(StatusCode::NOT_FOUND),
///         }
///     }
/// }
///
/// impl Requirement for Maintenance {
///     type Guard = MaintenanceHeader;
/// }
///
/// #[post("/reindex", requires = Maintenance)]
/// async fn reindex() -> &'static str {
///     "reindexing"
/// }
/// # let _ = App::new().register(routes![reindex]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be required",
    label = "not a role, permission or scope a route can require",
    note = "`requires = ..` takes a role or permission declared for the app's user, `framework_identity::roles! {{ for User; pub Admin = \"admin\"; }}` (likewise `permissions!`), a scope declared with `framework_identity::scopes!`, or a type implementing `framework_core::Requirement`"
)]
pub trait Requirement: 'static {
    /// The extractor that checks the requirement.
    type Guard: FromRequestParts<()> + Send;
}

/// Runs a requirement's guard (`<R as Requirement>::Guard`) on the request head:
/// `Err` holds its rejection.
#[doc(hidden)]
pub async fn require<G: FromRequestParts<()>>(parts: &mut Parts) -> Result<(), Response> {
    match G::from_request_parts(parts, &()).await {
        Ok(_) => Ok(()),
        Err(rejection) => Err(rejection.into_response()),
    }
}
