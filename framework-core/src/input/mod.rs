//! Validated input: JSON, forms, query strings and uploads, checked before the
//! handler runs.
//!
//! | extractor | reads | refused input gets |
//! |---|---|---|
//! | [`ValidJson<T>`] | a JSON body | `application/problem+json` (RFC 9457) |
//! | [`ValidQuery<T>`] | the query string | `application/problem+json` |
//! | [`ValidForm<T>`] | an HTML form body | a page (`422` lists the errors) |
//! | [`FormResult<T>`] | an HTML form body | invalid input goes to the handler as [`FormErrors`] |
//! | [`Multipart`] | `multipart/form-data` uploads | a page; limits per file and field |
//!
//! `T` derives `Deserialize` and `validator`'s `Validate` (both in the prelude; the
//! derive's generated code names the `validator` crate, so add it to your
//! dependencies, or write `#[validate(crate = "framework_core::validator")]`).
//! A struct without `Validate` is a build error that says to add the derive.
//!
//! Statuses: `400` for input that is not what `T` needs (bad JSON, bad UTF-8, a
//! missing field, a number that is not one), `413` over the app's
//! [`max_content_length`](crate::App::max_content_length), `415` for the wrong
//! `Content-Type`, `422` when validation fails — each an [`InputError`] inside the
//! framework's [`Error`](crate::Error), so `#[errorhandler(422)]` can answer them.
//!
//! ```
//! use framework_core::prelude::*;
//!
//! #[derive(Deserialize, Validate)]
//! struct NewUser {
//!     #[validate(length(min = 3, max = 20))]
//!     name: String,
//!     #[validate(email(message = "Enter a valid email address."))]
//!     email: String,
//! }
//!
//! #[post("/api/users")]
//! async fn create_user(ValidJson(user): ValidJson<NewUser>) -> (StatusCode, Json<String>) {
//!     (StatusCode::CREATED, Json(user.name))
//! }
//! # let _ = framework_core::App::new().register(framework_core::routes![create_user]);
//! ```

mod body;
mod field_errors;
mod filename;
mod form;
mod json;
mod multipart;
mod problem;
mod query;
mod rejection;
mod validate;

pub use body::FormLimits;
pub(crate) use body::MaxContentLength;
pub use field_errors::{FieldError, FieldErrors};
pub use filename::secure_filename;
pub use form::{FormErrors, FormResult, ValidForm};
pub use json::ValidJson;
pub use multipart::{Field, Multipart};
pub use problem::{PROBLEM_JSON, Problem};
pub use query::ValidQuery;
pub use rejection::{InputError, InputSource};
pub use validate::Validatable;
