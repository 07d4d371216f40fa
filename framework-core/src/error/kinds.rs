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
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be handled by an error handler",
    label = "not an error type",
    note = "`#[errorhandler(..)]` takes a status code such as `404`, a type that implements `std::error::Error`, `HttpError` (every HTTP error) or `AnyError` (every error)"
)]
pub trait ErrorType: Sized + Send + 'static + sealed::Sealed {
    /// What the handler is registered for.
    #[doc(hidden)]
    fn key() -> ErrorKey;
    /// The handler's argument, or the error back if it is not one of these.
    #[doc(hidden)]
    fn from_error(error: Error) -> Result<Self, Error>;
}

mod sealed {
    pub trait Sealed {}
    impl<E: std::error::Error + Send + Sync + 'static> Sealed for E {}
    impl Sealed for super::HttpError {}
    impl Sealed for super::AnyError {}
}

impl<E: std::error::Error + Send + Sync + 'static> ErrorType for E {
    fn key() -> ErrorKey {
        ErrorKey::Type {
            id: TypeId::of::<E>(),
            name: std::any::type_name::<E>(),
        }
    }

    fn from_error(error: Error) -> Result<Self, Error> {
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
/// ```
#[derive(Debug)]
pub struct AnyError(Error);

macro_rules! catch_all {
    ($name:ident, $key:ident, $accepts:expr) => {
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

        impl ErrorType for $name {
            fn key() -> ErrorKey {
                ErrorKey::$key
            }

            fn from_error(error: Error) -> Result<Self, Error> {
                let accepts: fn(&Error) -> bool = $accepts;
                if accepts(&error) {
                    Ok($name(error))
                } else {
                    Err(error)
                }
            }
        }
    };
}

catch_all!(HttpError, Http, Error::is_http);
catch_all!(AnyError, Any, |_| true);
