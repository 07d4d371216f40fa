//! What an error handler can be written for besides a status code: one error type,
//! every HTTP error ([`HttpError`], Flask's `HTTPException`), or every error
//! ([`AnyError`], Flask's `Exception`).

use std::any::TypeId;
use std::ops::Deref;

use super::Error;
use crate::hooks::ErrorKey;

/// A type that `#[errorhandler(T)]` can handle; the handler's first argument is a `T`.
///
/// Every `std::error::Error + Send + Sync + 'static` type is one (the handler gets the
/// error value back), and so are [`HttpError`] and [`AnyError`], the catch-alls.
///
/// ```
/// use framework_core::error::{AnyError, HttpError};
/// use framework_core::prelude::*;
///
/// #[errorhandler(HttpError)]
/// async fn any_http_error(error: HttpError) -> (StatusCode, String) {
///     (error.status(), format!("HTTP error {}", error.status().as_u16()))
/// }
///
/// #[errorhandler(AnyError)]
/// async fn anything_else(error: AnyError) -> (StatusCode, &'static str) {
///     (StatusCode::INTERNAL_SERVER_ERROR, "something went wrong")
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![any_http_error, anything_else]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be handled by an error handler",
    label = "not an error type",
    note = "`#[errorhandler(..)]` takes a status code such as `404`, a type that implements `std::error::Error`, `HttpError` (every HTTP error) or `AnyError` (every error)"
)]
pub trait ErrorType: Sized + Send + 'static {
    /// The handler's argument, or the error back if it is not one of these. (The
    /// private token keeps the trait to the framework's own implementations.)
    #[doc(hidden)]
    fn from_error(error: Error, _: sealed::Token) -> Result<Self, Error>;
}

mod sealed {
    /// Only this crate can name it, so only this crate can implement `ErrorType`.
    pub struct Token(pub(super) ());
}

/// `#[errorhandler(T)]` registers the handler for `T`'s `TypeId`; the catch-all
/// types stand for every HTTP error and every error.
pub(crate) fn normalise(key: ErrorKey) -> ErrorKey {
    match key {
        ErrorKey::Type { id, .. } if id == TypeId::of::<HttpError>() => ErrorKey::Http,
        ErrorKey::Type { id, .. } if id == TypeId::of::<AnyError>() => ErrorKey::Any,
        other => other,
    }
}

/// What generated code hands [`ErrorType::from_error`] to turn the error a pipeline
/// hands to a handler into its argument. (A trait call, not a generic function, so
/// that a wrong type's message has no "required by a bound" note.)
#[doc(hidden)]
pub const ERROR_TOKEN: sealed::Token = sealed::Token(());

#[diagnostic::do_not_recommend]
impl<E: std::error::Error + Send + Sync + 'static> ErrorType for E {
    fn from_error(error: Error, _: sealed::Token) -> Result<Self, Error> {
        error.downcast::<E>()
    }
}

/// Every HTTP error, for `#[errorhandler(HttpError)]` (Flask's
/// `errorhandler(HTTPException)`): errors made with a status (`abort(404)`, a 405, a
/// refused form), not failures that `?` or a panic turned into a 500. Derefs to the
/// [`Error`].
///
/// ```
/// use framework_core::error::HttpError;
/// use framework_core::prelude::*;
///
/// #[errorhandler(HttpError)]
/// async fn http_error(error: HttpError) -> Json<serde_json::Value> {
///     Json(serde_json::json!({ "code": error.status().as_u16() }))
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![http_error]);
/// ```
#[derive(Debug)]
pub struct HttpError(Error);

/// Every error, for `#[errorhandler(AnyError)]` (Flask's `errorhandler(Exception)`):
/// HTTP errors and failures alike, after the more specific handlers. Derefs to the
/// [`Error`].
///
/// ```
/// use framework_core::error::AnyError;
/// use framework_core::prelude::*;
///
/// #[errorhandler(AnyError)]
/// async fn every_error(error: AnyError) -> (StatusCode, String) {
///     (error.status(), format!("failed: {}", error.status()))
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![every_error]);
/// ```
#[derive(Debug)]
pub struct AnyError(Error);

/// What both catch-alls are: the error itself, by `Deref`, `into_inner` or `into`.
macro_rules! wraps_error {
    ($($name:ident),*) => {$(
        impl $name {
            /// The error itself.
            pub fn into_inner(self) -> Error {
                self.0
            }
        }

        impl Deref for $name {
            type Target = Error;
            fn deref(&self) -> &Error {
                &self.0
            }
        }

        impl From<$name> for Error {
            fn from(value: $name) -> Error {
                value.0
            }
        }
    )*};
}

wraps_error!(HttpError, AnyError);

// Written out (not by the macro) so that a wrong `#[errorhandler(T)]` lists them by
// name in its message.
impl ErrorType for HttpError {
    fn from_error(error: Error, _: sealed::Token) -> Result<Self, Error> {
        if error.is_http() {
            Ok(HttpError(error))
        } else {
            Err(error)
        }
    }
}

impl ErrorType for AnyError {
    fn from_error(error: Error, _: sealed::Token) -> Result<Self, Error> {
        Ok(AnyError(error))
    }
}
