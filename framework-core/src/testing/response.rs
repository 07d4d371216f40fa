//! `TestResponse`: a response read whole, with helpers for assertions.

use axum::response::Response;
use bytes::Bytes;
use http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

/// A response read whole, for assertions.
#[derive(Debug, Clone)]
pub struct TestResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    url: String,
    history: Vec<String>,
}

impl TestResponse {
    pub(crate) async fn read(response: Response) -> Self {
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_else(|e| panic!("the response body could not be read: {e}"));
        Self {
            status: parts.status,
            headers: parts.headers,
            body,
            url: String::new(),
            history: Vec::new(),
        }
    }

    pub(crate) fn with_history(mut self, url: String, history: Vec<String>) -> Self {
        self.url = url;
        self.history = history;
        self
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// All headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One header's value as text, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Location` header of a redirect.
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// The body parsed as JSON.
    ///
    /// # Panics
    ///
    /// When the body is not JSON of that shape; the message shows the body.
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("the body is not the expected JSON ({e}): {}", self.text()))
    }

    /// The path (and query) this response answered, after any redirects followed.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The paths redirected from, in order, when redirects were followed.
    pub fn history(&self) -> &[String] {
        &self.history
    }
}
