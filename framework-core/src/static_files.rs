//! The app's static folder, served under `/static` (Flask's `static_folder` and
//! `static_url_path`) by tower-http's `ServeDir`: `ETag` and `Last-Modified`,
//! conditional `GET` (`304`), ranges, content types by extension, and no way out of
//! the folder (`..`, `%2e%2e`, absolute paths all stay inside or get a `404`).

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::Error;
use crate::response::caching;
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
    /// `/static`, or `` for files at the root.
    url_path: String,
    /// Whether `url_path` was given rather than taken from the folder's name.
    url_path_set: bool,
    /// `SEND_FILE_MAX_AGE_DEFAULT`: how long browsers may keep a file without asking.
    max_age: Option<Duration>,
}

impl StaticFiles {
    /// The files in `folder`, under a URL path named like the folder, as in Flask:
    /// `static` is served under `/static`, `assets` under `/assets`, and `""` at the
    /// root.
    pub fn new(folder: impl Into<PathBuf>) -> Self {
        let folder: PathBuf = folder.into();
        let url_path = match folder.file_name() {
            Some(name) => format!("/{}", name.to_string_lossy()),
            None if folder.as_os_str().is_empty() => String::new(),
            None => "/static".to_owned(),
        };
        Self {
            folder,
            url_path,
            url_path_set: false,
            max_age: None,
        }
    }

    /// Serves them under another URL path (`/assets`); `""` or `"/"` serves them at
    /// the root (`/style.css`), behind every route: a path no route matches is looked
    /// for in the folder.
    pub fn url_path(mut self, url_path: &str) -> Self {
        let trimmed = url_path.trim_end_matches('/');
        self.url_path_set = true;
        self.url_path = if trimmed.starts_with('/') || trimmed.is_empty() {
            trimmed.to_owned()
        } else {
            format!("/{trimmed}")
        };
        self
    }

    /// How long a browser may use a file without asking again (Flask's
    /// `SEND_FILE_MAX_AGE_DEFAULT`): `Cache-Control: public, max-age=…` and
    /// `Expires`. Without it (the default, as in Flask) files are sent with
    /// `Cache-Control: no-cache`, so the browser revalidates each time and gets a
    /// `304` while the file is unchanged.
    ///
    /// ```
    /// use std::time::Duration;
    /// use framework_core::static_files::StaticFiles;
    ///
    /// let files = StaticFiles::new("static").max_age(Some(Duration::from_secs(3600)));
    /// assert_eq!(files.cache_control(), "public, max-age=3600");
    /// ```
    pub fn max_age(mut self, max_age: Option<Duration>) -> Self {
        self.max_age = max_age;
        self
    }

    /// The `Cache-Control` its files are sent with.
    pub fn cache_control(&self) -> String {
        caching::cache_control(self.max_age)
    }

    /// The folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The URL path they are served under.
    pub fn prefix(&self) -> &str {
        &self.url_path
    }

    /// The URL path, if it was given by [`url_path`](Self::url_path) rather than
    /// taken from the folder's name.
    pub(crate) fn url_path_set(&self) -> Option<&str> {
        self.url_path_set.then_some(self.url_path.as_str())
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
    /// `allow` lists the methods files answer: `GET, HEAD`, and `OPTIONS` when the app
    /// answers it by itself.
    pub(crate) fn mount(
        &self,
        router: Router,
        chain: crate::pipeline::Chain,
        allow: HeaderValue,
        answers_options: bool,
    ) -> Result<Router, String> {
        let serve_dir = ServeDir::new(&self.folder).append_index_html_on_directories(false);
        let headers = FileHeaders {
            cache_control: HeaderValue::from_str(&self.cache_control())
                .unwrap_or(HeaderValue::from_static("no-cache")),
            max_age: self.max_age,
            allow,
            answers_options,
        };
        let service = tower::service_fn(move |mut request: Request| {
            let serve_dir = serve_dir.clone();
            let chain = chain.clone();
            let headers = headers.clone();
            // Hooks and error handlers see the path as requested; the folder gets it
            // without the prefix.
            let in_folder = request.uri().clone();
            if let Some(original) = request.extensions().get::<axum::extract::OriginalUri>() {
                *request.uri_mut() = original.0.clone();
            }
            async move {
                let response = crate::pipeline::run(
                    chain,
                    request,
                    |mut request: Request| async move {
                        *request.uri_mut() = in_folder;
                        crate::pipeline::split(serve(serve_dir, &headers, request).await)
                    },
                    crate::pipeline::Extracts::Yes,
                )
                .await;
                Ok::<_, Infallible>(response)
            }
        });
        if self.url_path.is_empty() {
            // At the root: what no route matches is looked for in the folder.
            return Ok(router.fallback_service(service));
        }
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

/// The caching headers every file is sent with, and the methods files answer.
#[derive(Clone)]
struct FileHeaders {
    cache_control: HeaderValue,
    max_age: Option<Duration>,
    allow: HeaderValue,
    /// Whether `OPTIONS` is answered here (the app's `PROVIDE_AUTOMATIC_OPTIONS`).
    answers_options: bool,
}

/// One request to the folder; failures become the framework's errors.
async fn serve(serve_dir: ServeDir, headers: &FileHeaders, request: Request) -> Response {
    if request.method() == http::Method::OPTIONS && headers.answers_options {
        let mut response = Response::new(Body::empty());
        response
            .headers_mut()
            .insert(header::ALLOW, headers.allow.clone());
        return response;
    }
    let response = match serve_dir.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    match response.status() {
        StatusCode::NOT_FOUND => Error::from_status(StatusCode::NOT_FOUND).into_response(),
        StatusCode::METHOD_NOT_ALLOWED => Error::from_status(StatusCode::METHOD_NOT_ALLOWED)
            .with_header(header::ALLOW, headers.allow.clone())
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
            caching::apply(&mut parts.headers, &headers.cache_control, headers.max_age);
            Response::from_parts(parts, Body::new(body))
        }
    }
}
