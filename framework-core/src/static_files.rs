//! The app's static folder, served under `/static` (Flask's `static_folder` and
//! `static_url_path`) by tower-http's `ServeDir`: `ETag` and `Last-Modified`,
//! conditional `GET` (`304`), ranges, content types by extension, and no way out of
//! the folder (`..`, `%2e%2e`, absolute paths all stay inside or get a `404`).

use std::convert::Infallible;
use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::Error;
use crate::response::file::with_charset;

/// Characters escaped in a static URL's path segments.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Where static files live and the URL they are served under; set on the app with
/// [`App::static_folder`](crate::App::static_folder) and
/// [`App::static_url_path`](crate::App::static_url_path).
///
/// A missing file is the app's `404` (error handlers see it), any method but `GET`
/// and `HEAD` a `405`; text types carry `charset=utf-8`.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::static_files::StaticFiles;
///
/// let app = App::new().static_folder("static");
///
/// let files = StaticFiles::new("static");
/// assert_eq!(files.url("css/style.css"), "/static/css/style.css");
/// assert_eq!(files.url("my file.txt"), "/static/my%20file.txt");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFiles {
    folder: PathBuf,
    url_path: String,
}

impl StaticFiles {
    /// The files in `folder`, under `/static`.
    pub fn new(folder: impl Into<PathBuf>) -> Self {
        Self {
            folder: folder.into(),
            url_path: "/static".to_owned(),
        }
    }

    /// Serves them under another URL path (`/assets`).
    pub fn url_path(mut self, url_path: &str) -> Self {
        let trimmed = url_path.trim_end_matches('/');
        self.url_path = if trimmed.starts_with('/') {
            trimmed.to_owned()
        } else {
            format!("/{trimmed}")
        };
        self
    }

    /// The folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The URL path they are served under.
    pub fn prefix(&self) -> &str {
        &self.url_path
    }

    /// The URL of one file (`css/style.css`), its segments percent-encoded.
    pub fn url(&self, file: &str) -> String {
        let mut url = self.url_path.clone();
        for segment in file.split('/').filter(|s| !s.is_empty()) {
            url.push('/');
            url.extend(utf8_percent_encode(segment, SEGMENT));
        }
        url
    }

    /// The router with the folder mounted; an error message if the router refuses
    /// the path.
    /// Adds the folder to `router`; its requests run through the app's `chain`, as
    /// Flask's `static` endpoint is one of the app's.
    pub(crate) fn mount(
        &self,
        router: Router,
        chain: crate::pipeline::Chain,
    ) -> Result<Router, String> {
        let serve_dir = ServeDir::new(&self.folder).append_index_html_on_directories(false);
        let service = tower::service_fn(move |mut request: Request| {
            let serve_dir = serve_dir.clone();
            let chain = chain.clone();
            // Hooks and error handlers see the path as requested; the folder gets it
            // without the prefix.
            let in_folder = request.uri().clone();
            if let Some(original) = request.extensions().get::<axum::extract::OriginalUri>() {
                *request.uri_mut() = original.0.clone();
            }
            async move {
                let response =
                    crate::pipeline::dispatch(chain, request, |mut request| async move {
                        *request.uri_mut() = in_folder;
                        crate::pipeline::split(serve(serve_dir, request).await)
                    })
                    .await;
                Ok::<_, Infallible>(response)
            }
        });
        let path = self.url_path.clone();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
            router.nest_service(&path, service)
        }))
        .map_err(|panic| {
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "rejected by the router".to_owned())
        })
    }
}

/// One request to the folder; failures become the framework's errors.
async fn serve(serve_dir: ServeDir, request: Request) -> Response {
    let response = match serve_dir.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    match response.status() {
        StatusCode::NOT_FOUND => Error::from_status(StatusCode::NOT_FOUND).into_response(),
        StatusCode::METHOD_NOT_ALLOWED => Error::from_status(StatusCode::METHOD_NOT_ALLOWED)
            .with_header(header::ALLOW, HeaderValue::from_static("GET, HEAD"))
            .into_response(),
        StatusCode::INTERNAL_SERVER_ERROR => {
            Error::from_status(StatusCode::INTERNAL_SERVER_ERROR).into_response()
        }
        _ => {
            let (mut parts, body) = response.into_parts();
            let charset = parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(with_charset)
                .and_then(|v: String| HeaderValue::from_str(&v).ok());
            if let Some(value) = charset {
                parts.headers.insert(header::CONTENT_TYPE, value);
            }
            Response::from_parts(parts, Body::new(body))
        }
    }
}
