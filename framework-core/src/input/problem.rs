//! `Problem`: an RFC 9457 problem details document (`application/problem+json`).

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde::Serialize;

use super::FieldErrors;

/// The media type of a problem document.
///
/// ```
/// assert_eq!(framework_core::input::PROBLEM_JSON, "application/problem+json");
/// ```
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem details document, the body of the JSON and query extractors'
/// errors; return one yourself for errors of the same shape.
///
/// ```
/// use framework_core::input::{FieldError, FieldErrors, Problem};
/// use framework_core::prelude::*;
///
/// let mut errors = FieldErrors::new();
/// errors.push(FieldError::new("email", "taken", "This email is already registered."));
/// let problem = Problem::new(StatusCode::UNPROCESSABLE_ENTITY)
///     .with_detail("The input is invalid.")
///     .with_errors(errors);
/// let response = problem.into_response();
/// assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// ```
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    #[serde(rename = "type")]
    pub kind: String,
    /// The status's reason phrase.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Every field error (an extension member), when the input was invalid.
    #[serde(skip_serializing_if = "FieldErrors::is_empty")]
    pub errors: FieldErrors,
}

impl Problem {
    /// A problem of type `about:blank` for `status`.
    pub fn new(status: StatusCode) -> Self {
        Self {
            kind: "about:blank".to_owned(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: None,
            errors: FieldErrors::new(),
        }
    }

    /// Says what went wrong.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Lists field errors.
    pub fn with_errors(mut self, errors: FieldErrors) -> Self {
        self.errors = errors;
        self
    }

    /// Names the kind of problem with a URI of your own (`title` should then be
    /// that kind's summary).
    pub fn with_type(mut self, uri: impl Into<String>, title: impl Into<String>) -> Self {
        self.kind = uri.into();
        self.title = title.into();
        self
    }

    /// The document as JSON bytes.
    pub fn to_json(&self) -> Vec<u8> {
        // A struct of strings, numbers and string maps always serialises.
        serde_json::to_vec(self).unwrap_or_default()
    }

    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        (
            self.status_code(),
            [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
            self.to_json(),
        )
            .into_response()
    }
}
