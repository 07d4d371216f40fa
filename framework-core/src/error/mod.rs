//! The framework's error type, `abort`, and how an error becomes a response.
//!
//! Handlers return [`Result<T>`]; `?` turns any `std::error::Error` into an [`Error`]
//! (500 unless it says otherwise), and [`abort`] makes one with an HTTP status, as
//! Flask's `abort(404)` does. The response built from an error carries the error
//! itself, so that the request pipeline can give it to the error handlers registered
//! with `#[errorhandler(...)]`, by type, by status, or to a catch-all.

pub(crate) mod debug_page;
mod kinds;
pub(crate) mod page;

pub(crate) use kinds::normalise;
pub use kinds::{AnyError, ERROR_TOKEN, ErrorType, HttpError};

use std::any::{Any, TypeId};
use std::fmt;
use std::sync::Arc;

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

/// `Result<T, Error>`: what handlers and hooks return.
pub type Result<T, E = Error> = std::result::Result<T, E>;

type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// An error on its way to becoming an HTTP response.
///
/// Built by `?` from any error type (status 500), by [`abort`] (any status), or by
/// [`Error::new`] with both. Error handlers see it before the client does.
///
/// ```
/// use framework_core::{Error, abort};
/// use http::StatusCode;
///
/// let not_found = abort(StatusCode::NOT_FOUND);
/// assert_eq!(not_found.status(), StatusCode::NOT_FOUND);
///
/// let io: Error = std::io::Error::other("disk full").into();
/// assert_eq!(io.status(), StatusCode::INTERNAL_SERVER_ERROR);
/// ```
pub struct Error(Box<Inner>);

/// The error's parts, boxed so that `Result<T, Error>` stays one pointer wide.
struct Inner {
    status: StatusCode,
    /// Made with a status on purpose (Flask's `HTTPException`), rather than a failure.
    http: bool,
    message: Option<String>,
    source: Option<Source>,
    source_type: Option<TypeId>,
    headers: Vec<(header::HeaderName, HeaderValue)>,
    /// A body (and its `Content-Type`) replacing the plain-text default page.
    body: Option<(HeaderValue, bytes::Bytes)>,
}

impl Error {
    /// An error with this status and the error that caused it.
    pub fn new<E>(status: StatusCode, source: E) -> Self
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        Self(Box::new(Inner {
            status,
            http: status != StatusCode::INTERNAL_SERVER_ERROR,
            message: None,
            source_type: Some(TypeId::of::<E>()),
            source: Some(Box::new(source)),
            headers: Vec::new(),
            body: None,
        }))
    }

    /// An error that is only a status, as `abort(404)` makes.
    pub fn from_status(status: StatusCode) -> Self {
        Self(Box::new(Inner {
            status,
            http: true,
            message: None,
            source: None,
            source_type: None,
            headers: Vec::new(),
            body: None,
        }))
    }

    /// Adds a message shown to the client in the default error page.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.0.message = Some(message.into());
        self
    }

    /// Adds a header to the default error response (e.g. `Allow` on a 405).
    pub fn with_header(mut self, name: header::HeaderName, value: HeaderValue) -> Self {
        self.0.headers.push((name, value));
        self
    }

    /// Replaces the default response's plain-text body with `body` of type
    /// `content_type` (a JSON problem document, an HTML page).
    ///
    /// ```
    /// use framework_core::Error;
    /// use http::{HeaderValue, StatusCode};
    ///
    /// let error = Error::from_status(StatusCode::CONFLICT)
    ///     .with_body(HeaderValue::from_static("application/json"), r#"{"error":"taken"}"#);
    /// let response = error.default_response();
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// ```
    pub fn with_body(mut self, content_type: HeaderValue, body: impl Into<bytes::Bytes>) -> Self {
        self.0.body = Some((content_type, body.into()));
        self
    }

    /// A failure (a 500 for the 500 handlers, logged) whose text is `text`: for a
    /// mistake of the app's own that its developer must see, such as a missing setting.
    pub(crate) fn internal(text: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, Message(text.into()))
    }

    /// Whether the error brings its own body (a JSON problem document), which no
    /// default page replaces.
    pub(crate) fn has_body(&self) -> bool {
        self.0.body.is_some()
    }

    /// The HTTP status this error answers with unless an error handler decides otherwise.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// A header added with [`with_header`](Self::with_header), if any.
    pub(crate) fn header(&self, name: &header::HeaderName) -> Option<&HeaderValue> {
        self.0
            .headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// The message for the client, if one was given.
    pub fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }

    /// The underlying error, if this error was made from one.
    pub fn source_error(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.0.source.as_deref()
    }

    /// Whether the underlying error is of type `E`.
    pub fn is<E: 'static>(&self) -> bool {
        self.0.source_type == Some(TypeId::of::<E>())
    }

    /// `TypeId` of the underlying error, used to find a typed error handler.
    pub(crate) fn source_type(&self) -> Option<TypeId> {
        self.0.source_type
    }

    /// Takes the underlying error out as `E`, or gives the error back unchanged.
    pub fn downcast<E>(self) -> std::result::Result<E, Self>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        if !self.is::<E>() {
            return Err(self);
        }
        let mut inner = self.0;
        match inner.source.take().map(|s| s.downcast::<E>()) {
            Some(Ok(e)) => Ok(*e),
            Some(Err(source)) => {
                inner.source = Some(source);
                Err(Self(inner))
            }
            None => Err(Self(inner)),
        }
    }

    /// Whether this is an HTTP error (Flask's `HTTPException`): one made with a status
    /// on purpose (`abort(404)`, `Error::new(StatusCode::CONFLICT, e)`), rather than a
    /// failure that `?` or a panic turned into a 500. Unhandled, an HTTP error is
    /// answered with its page; a failure is logged, goes to the 500 handlers, and the
    /// teardown hooks see it.
    pub fn is_http(&self) -> bool {
        self.0.http
    }

    /// The same error with another status (an HTTP error unless it is 500).
    pub(crate) fn with_status(mut self, status: StatusCode) -> Self {
        self.0.status = status;
        self.0.http = status != StatusCode::INTERNAL_SERVER_ERROR;
        self
    }

    /// This error as a 500 for the 500 handlers, keeping its source (Flask's
    /// `InternalServerError(original_exception=e)`): what a failure that no handler
    /// took becomes.
    pub(crate) fn into_internal(mut self) -> Self {
        self.0.http = true;
        if self.0.status != StatusCode::INTERNAL_SERVER_ERROR {
            self.0.status = StatusCode::INTERNAL_SERVER_ERROR;
            self.0.message = None;
            self.0.body = None;
            self.0.headers.clear();
        }
        self
    }

    /// The response the client gets when no error handler takes this error: the status,
    /// a small HTML page (`text/html; charset=utf-8`) naming it and showing the message
    /// if there is one (or the body given by [`with_body`](Self::with_body)), and any
    /// headers the error carries.
    ///
    /// ```
    /// use framework_core::abort;
    /// use http::StatusCode;
    ///
    /// let response = abort(StatusCode::FORBIDDEN).with_message("not yours").default_response();
    /// assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8");
    /// ```
    pub fn default_response(&self) -> Response {
        let (content_type, body) = match &self.0.body {
            Some((content_type, body)) => (content_type.clone(), body.clone()),
            None => (
                HeaderValue::from_static(page::HTML),
                page::html(self.0.status, self.0.message.as_deref()).into(),
            ),
        };
        let mut response =
            (self.0.status, [(header::CONTENT_TYPE, content_type)], body).into_response();
        for (name, value) in &self.0.headers {
            response.headers_mut().insert(name.clone(), value.clone());
        }
        response
    }

    /// A copy for the teardown hooks, which see the error after a 500 handler has taken
    /// it: the same status, message and type ([`is`](Self::is) still answers), with
    /// the source only as its text.
    pub(crate) fn summary(&self) -> Error {
        Error(Box::new(Inner {
            status: self.0.status,
            http: self.0.http,
            message: self.0.message.clone(),
            source: self
                .0
                .source
                .as_ref()
                .map(|source| Box::new(Message(source.to_string())) as Source),
            source_type: self.0.source_type,
            headers: Vec::new(),
            body: None,
        }))
    }

    /// Takes back the error a response carries (one made by `Error::into_response`),
    /// for the pipeline to hand to error handlers.
    pub(crate) fn take_from(response: &mut Response) -> Option<Error> {
        let carried = response.extensions_mut().remove::<Carried>()?;
        match Arc::try_unwrap(carried.0) {
            Ok(error) => Some(error),
            // Someone kept a copy of the response's extensions: the status is all that
            // can be taken back.
            Err(shared) => Some(Error::from_status(shared.status())),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("status", &self.0.status)
            .field("message", &self.0.message)
            .field("source", &self.0.source)
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.0.source, &self.0.message) {
            (Some(source), _) => write!(f, "{source}"),
            (None, Some(message)) => write!(f, "{} {message}", self.0.status),
            (None, None) => write!(f, "{}", self.0.status),
        }
    }
}

impl<E> From<E> for Error
where
    E: std::error::Error + Send + Sync + 'static,
{
    fn from(source: E) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, source)
    }
}

/// Lets `?` pass an [`Error`] on where any error is expected, such as a command of
/// the [`Cli`](crate::cli::Cli) (it cannot implement `std::error::Error` itself, for
/// the same reason `anyhow::Error` cannot).
impl From<Error> for Box<dyn std::error::Error + Send + Sync + 'static> {
    fn from(error: Error) -> Self {
        match error.0.source {
            Some(source) => source,
            None => Box::new(Message(error.to_string())),
        }
    }
}

#[derive(Debug)]
struct Message(String);

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Message {}

/// Stops the request with an HTTP error, like Flask's `abort(404)`.
///
/// ```
/// use framework_core::prelude::*;
///
/// async fn show(id: i64) -> Result<String> {
///     if id != 1 {
///         return Err(abort(StatusCode::NOT_FOUND));
///     }
///     Ok("post 1".into())
/// }
/// ```
pub fn abort(status: StatusCode) -> Error {
    Error::from_status(status)
}

/// The error inside the response made from it, until the pipeline takes it back.
/// (Response extensions must be `Clone`; the error itself is not.)
#[derive(Clone)]
struct Carried(Arc<Error>);

/// The error's default page, carrying the error itself: returned from a handler or a
/// hook, it reaches the error handlers.
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let mut response = self.default_response();
        response.extensions_mut().insert(Carried(Arc::new(self)));
        response
    }
}

/// Turns a caught panic into a 500 error that error handlers and teardown hooks see.
pub(crate) fn from_panic(payload: Box<dyn Any + Send>) -> Error {
    let text = if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a handler panicked".to_owned()
    };
    tracing::error!(panic = %text, "a handler or hook panicked");
    Error::new(StatusCode::INTERNAL_SERVER_ERROR, Panicked(text))
}

/// The error inside the 500 that a panicking handler leaves behind.
#[derive(Debug)]
pub struct Panicked(pub String);

impl fmt::Display for Panicked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "handler panicked: {}", self.0)
    }
}

impl std::error::Error for Panicked {}
