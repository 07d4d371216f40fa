//! `InputError`: why input was refused (malformed, wrong media type, too large, or
//! invalid), and the response each kind of input gets by default.

use std::fmt;

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode};

use super::problem::{PROBLEM_JSON, Problem};
use super::{FieldErrors, FormErrors};
use crate::Error;
use crate::error::page::escape;

/// Where refused input came from; it decides the shape of the default response.
///
/// ```
/// use framework_core::input::{InputError, InputSource, FieldErrors};
///
/// let error = InputError::invalid(InputSource::Form, FieldErrors::new());
/// assert_eq!(error.input_source(), InputSource::Form);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputSource {
    /// A JSON body: errors are `application/problem+json`.
    Json,
    /// The query string: errors are `application/problem+json`.
    Query,
    /// An HTML form body: errors are a page.
    Form,
    /// A `multipart/form-data` body: errors are a page.
    Multipart,
}

/// Input a validated extractor refused: `400` malformed, `413` too large, `415`
/// wrong `Content-Type`, or `422` invalid with every field error.
///
/// It reaches the client as the framework's [`Error`] whose source is this value, so
/// `#[errorhandler(422)]` (taking `Error`) or `#[errorhandler(InputError)]` can take
/// over. Without a handler, JSON and query input get an RFC 9457
/// `application/problem+json` document; forms get a page.
///
/// ```
/// use framework_core::input::{FieldError, FieldErrors, InputError, InputSource};
/// use framework_core::prelude::*;
///
/// let mut errors = FieldErrors::new();
/// errors.push(FieldError::new("email", "taken", "This email is already registered."));
/// let error = InputError::invalid(InputSource::Json, errors);
/// assert_eq!(error.status(), StatusCode::UNPROCESSABLE_ENTITY);
///
/// let response = error.into_response();
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// ```
#[derive(Debug, Clone)]
pub struct InputError {
    status: StatusCode,
    source: InputSource,
    message: String,
    errors: FieldErrors,
    form: Option<FormErrors>,
}

impl InputError {
    /// Input that passed parsing but failed validation: `422`.
    pub fn invalid(source: InputSource, errors: FieldErrors) -> Self {
        let count = errors.len();
        let message = if count == 1 {
            "1 field is invalid.".to_owned()
        } else {
            format!("{count} fields are invalid.")
        };
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            source,
            message,
            errors,
            form: None,
        }
    }

    /// An invalid form, keeping what was submitted.
    pub(crate) fn invalid_form(form: FormErrors) -> Self {
        let mut error = Self::invalid(InputSource::Form, form.errors().clone());
        error.form = Some(form);
        error
    }

    /// A body or query string that cannot be read as the expected type: `400`.
    pub(crate) fn malformed(source: InputSource, message: impl Into<String>) -> Self {
        Self::with_status(StatusCode::BAD_REQUEST, source, message)
    }

    /// The wrong `Content-Type`: `415`.
    pub(crate) fn unsupported(source: InputSource, message: impl Into<String>) -> Self {
        Self::with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE, source, message)
    }

    /// A body over the limit: `413`.
    pub(crate) fn too_large(source: InputSource, message: impl Into<String>) -> Self {
        Self::with_status(StatusCode::PAYLOAD_TOO_LARGE, source, message)
    }

    pub(crate) fn with_status(
        status: StatusCode,
        source: InputSource,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            source,
            message: message.into(),
            errors: FieldErrors::new(),
            form: None,
        }
    }

    /// `400`, `413`, `415` or `422`.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What kind of input it was.
    pub fn input_source(&self) -> InputSource {
        self.source
    }

    /// What went wrong, for the client.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Every field error (empty unless the status is `422`).
    pub fn field_errors(&self) -> &FieldErrors {
        &self.errors
    }

    /// For an invalid form: the errors with the submitted values, to re-render it.
    pub fn form_errors(&self) -> Option<&FormErrors> {
        self.form.as_ref()
    }

    /// The RFC 9457 document for this error.
    pub fn problem(&self) -> Problem {
        Problem::new(self.status)
            .with_detail(self.message.clone())
            .with_errors(self.errors.clone())
    }

    /// The framework's [`Error`] carrying this one, with its default body.
    pub fn into_error(self) -> Error {
        let status = self.status;
        let message = self.message.clone();
        let body = match self.source {
            InputSource::Json | InputSource::Query => Some((
                HeaderValue::from_static(PROBLEM_JSON),
                self.problem().to_json(),
            )),
            InputSource::Form | InputSource::Multipart if !self.errors.is_empty() => Some((
                HeaderValue::from_static("text/html; charset=utf-8"),
                self.html_page().into_bytes(),
            )),
            _ => None,
        };
        let error = Error::new(status, self).with_message(message);
        match body {
            Some((content_type, body)) => error.with_body(content_type, body),
            None => error,
        }
    }

    /// The default page of an invalid form: every error, escaped.
    fn html_page(&self) -> String {
        let reason = self.status.canonical_reason().unwrap_or("Error");
        let mut page = format!(
            "<!doctype html>\n<html lang=\"en\">\n<title>{code} {reason}</title>\n\
             <h1>{reason}</h1>\n<p>The form could not be accepted:</p>\n<ul>\n",
            code = self.status.as_u16(),
        );
        for error in &self.errors {
            page.push_str("<li>");
            if !error.message.starts_with(error.field.as_str()) {
                page.push_str("<strong>");
                page.push_str(&escape(&error.field));
                page.push_str("</strong>: ");
            }
            page.push_str(&escape(&error.message));
            page.push_str("</li>\n");
        }
        page.push_str("</ul>\n");
        page
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        for error in &self.errors {
            write!(f, " {}: {}", error.field, error.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

impl IntoResponse for InputError {
    fn into_response(self) -> Response {
        self.into_error().into_response()
    }
}
