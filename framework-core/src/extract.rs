//! Extractors the framework adds to axum's, and the glue generated handlers use.

use axum::extract::{FromRequestParts, Path};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::request::Parts;
use serde::de::DeserializeOwned;

use crate::Error;

/// The path parameters of a route, deserialised in path order. A value that does not
/// parse as its argument's type (`/users/abc` for `id: u64`) is a 404, as in Flask.
#[doc(hidden)]
pub struct PathParams<T>(pub T);

impl<T, S> FromRequestParts<S> for PathParams<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PathParams(value)),
            Err(rejection) => {
                let status = rejection.status();
                let error = if status.is_client_error() {
                    Error::from_status(StatusCode::NOT_FOUND)
                } else {
                    Error::from_status(status).with_message(rejection.body_text())
                };
                Err(error.into_response())
            }
        }
    }
}
