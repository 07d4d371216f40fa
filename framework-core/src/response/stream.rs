//! `StreamBody`: a response whose body is produced while it is sent.

use axum::BoxError;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::TryStream;
use http::{HeaderValue, header};

/// A response body sent piece by piece as a stream yields it (Flask's
/// `Response(generate(), mimetype=...)`): large exports, progress output. Each item
/// is a `Result` of anything that becomes bytes (`String`, `&'static str`, `Vec<u8>`,
/// `Bytes`); an `Err` ends the response early.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::response::StreamBody;
///
/// #[get("/export.csv")]
/// async fn export() -> StreamBody<impl futures_util::TryStream<Ok = String, Error = std::io::Error>> {
///     let rows = (1..=3).map(|i| Ok(format!("{i},row {i}\n")));
///     StreamBody::new(futures_util::stream::iter(rows)).content_type("text/csv; charset=utf-8")
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![export]);
/// ```
#[derive(Debug)]
#[must_use]
pub struct StreamBody<S> {
    stream: S,
    content_type: HeaderValue,
}

impl<S> StreamBody<S> {
    /// A body from `stream`, typed `application/octet-stream` until
    /// [`content_type`](Self::content_type) says otherwise.
    pub fn new(stream: S) -> Self {
        Self {
            stream,
            content_type: HeaderValue::from_static("application/octet-stream"),
        }
    }

    /// Sets the `Content-Type` (a value that is not a valid header is ignored).
    pub fn content_type(mut self, content_type: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(content_type) {
            self.content_type = value;
        }
        self
    }
}

impl<S> IntoResponse for StreamBody<S>
where
    S: TryStream + Send + 'static,
    S::Ok: Into<Bytes>,
    S::Error: Into<BoxError>,
{
    fn into_response(self) -> Response {
        (
            [(header::CONTENT_TYPE, self.content_type)],
            Body::from_stream(self.stream),
        )
            .into_response()
    }
}
