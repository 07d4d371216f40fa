//! `send_file` and `send_from_directory`: a file as the response, streamed, with its
//! content type, `Last-Modified`, and a download name.

use std::future::{Future, IntoFuture};
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::time::Duration;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;

use super::caching;
use crate::{Error, Result};

/// Characters left as they are in `filename*` (RFC 5987 `attr-char`, as werkzeug).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// The file at `path` as the response, like Flask's `send_file`: streamed from disk,
/// `Content-Type` guessed from the (download) name, `Content-Length`,
/// `Last-Modified`, and `Content-Disposition: inline` with the file's name. Give a
/// [`download_name`](SendFile::download_name) to make the browser save it.
///
/// `.await` it: a missing file is a `404`, another I/O error a `500`. `path` must
/// not come from the client; for that, use [`send_from_directory`].
///
/// ```
/// use framework_core::prelude::*;
///
/// #[get("/report")]
/// async fn report() -> Result<Response> {
///     send_file("reports/2026-q3.pdf").download_name("Q3 report.pdf").await
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![report]);
/// ```
pub fn send_file(path: impl Into<PathBuf>) -> SendFile {
    SendFile {
        path: path.into(),
        download_name: None,
        attachment: false,
        content_type: None,
        max_age: None,
    }
}

/// The file `name` inside `directory`, as Flask's `send_from_directory`: `name` may
/// come from the URL; one that leaves the directory (`..`, an absolute path, a
/// backslash or a NUL byte) is a `404`, as is a missing file.
///
/// ```
/// use framework_core::prelude::*;
///
/// #[get("/uploads/<name>")]
/// async fn uploaded(name: String) -> Result<Response> {
///     send_from_directory("uploads", &name).await
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![uploaded]);
/// ```
pub fn send_from_directory(directory: impl AsRef<Path>, name: &str) -> SendFile {
    let safe = Path::new(name)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        && !name.is_empty()
        && !name.contains(['\\', '\0']);
    let path = if safe {
        directory.as_ref().join(name)
    } else {
        PathBuf::new()
    };
    SendFile {
        path,
        download_name: None,
        attachment: false,
        content_type: None,
        max_age: None,
    }
}

/// A file response being set up; `.await` it (or call [`send`](Self::send)) for the
/// response. See [`send_file`].
///
/// ```
/// use framework_core::prelude::*;
///
/// #[get("/manual")]
/// async fn manual() -> Result<Response> {
///     send_file("docs/manual.pdf")
///         .content_type("application/pdf")
///         .download_name("manual.pdf")
///         .inline()
///         .await
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![manual]);
/// ```
#[derive(Debug, Clone)]
#[must_use = "a file is sent once the `SendFile` is awaited and returned"]
pub struct SendFile {
    path: PathBuf,
    download_name: Option<String>,
    attachment: bool,
    content_type: Option<String>,
    max_age: Option<Duration>,
}

impl SendFile {
    /// The name the browser saves the file as (`Content-Disposition: attachment`,
    /// with `filename*=UTF-8''…` for names that are not ASCII).
    pub fn download_name(mut self, name: impl Into<String>) -> Self {
        self.download_name = Some(name.into());
        self.attachment = true;
        self
    }

    /// Asks the browser to save the file under its own name (Flask's
    /// `as_attachment=True`).
    pub fn as_attachment(mut self) -> Self {
        self.attachment = true;
        self
    }

    /// Asks the browser to show the file (`Content-Disposition: inline`), keeping any
    /// download name for when the user saves it.
    pub fn inline(mut self) -> Self {
        self.attachment = false;
        self
    }

    /// Sets the `Content-Type` instead of guessing it from the name.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// How long a browser may use the file without asking again:
    /// `Cache-Control: public, max-age=…` and `Expires` (Flask's `max_age`). Without
    /// it the file is sent with `Cache-Control: no-cache`, as Flask does.
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// Opens the file and builds the response.
    pub async fn send(self) -> Result<Response> {
        let not_found = || Error::from_status(StatusCode::NOT_FOUND);
        if self.path.as_os_str().is_empty() {
            return Err(not_found());
        }
        let file = match tokio::fs::File::open(&self.path).await {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(not_found()),
            Err(e) => return Err(e.into()),
        };
        let metadata = file.metadata().await?;
        if !metadata.is_file() {
            return Err(not_found());
        }
        let name = self.download_name.clone().or_else(|| {
            self.path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        });
        let content_type = match &self.content_type {
            Some(content_type) => content_type.clone(),
            None => guess_type(name.as_deref().unwrap_or_default()),
        };
        let mut response =
            Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&content_type) {
            headers.insert(header::CONTENT_TYPE, value);
        }
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(metadata.len()));
        if let Ok(value) = HeaderValue::from_str(&caching::cache_control(self.max_age)) {
            caching::apply(headers, &value, self.max_age);
        }
        if let Ok(modified) = metadata.modified()
            && let Ok(value) = HeaderValue::from_str(&httpdate::fmt_http_date(modified))
        {
            headers.insert(header::LAST_MODIFIED, value);
        }
        if let Some(name) = name {
            let kind = if self.attachment {
                "attachment"
            } else {
                "inline"
            };
            if let Ok(value) = HeaderValue::from_str(&content_disposition(kind, &name)) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
        }
        Ok(response)
    }
}

impl IntoFuture for SendFile {
    type Output = Result<Response>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<Response>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The content type for a file name; text types say `charset=utf-8`, as werkzeug's.
pub(crate) fn guess_type(name: &str) -> String {
    let mime = mime_guess::from_path(name)
        .first_raw()
        .unwrap_or("application/octet-stream");
    with_charset(mime)
}

/// Adds `; charset=utf-8` to text types that lack it (werkzeug's rule).
pub(crate) fn with_charset(mime: &str) -> String {
    let textual = mime.starts_with("text/")
        || mime.ends_with("+xml")
        || matches!(
            mime,
            "application/javascript"
                | "application/ecmascript"
                | "application/xml"
                | "application/sql"
        );
    if textual && !mime.contains("charset") {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_owned()
    }
}

/// `inline; filename="a.pdf"`, or with `filename*=UTF-8''…` and an ASCII fallback for
/// other names (RFC 6266, as werkzeug writes it).
pub(crate) fn content_disposition(kind: &str, name: &str) -> String {
    let quoted = |s: &str| {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars().filter(|c| !c.is_ascii_control()) {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        out
    };
    if name.is_ascii() {
        return format!("{kind}; filename={}", quoted(name));
    }
    let simple: String = name.nfkd().filter(char::is_ascii).collect();
    let encoded = utf8_percent_encode(name, ATTR_CHAR);
    format!(
        "{kind}; filename={}; filename*=UTF-8''{encoded}",
        quoted(&simple)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disposition_for_ascii_and_unicode_names() {
        assert_eq!(
            content_disposition("attachment", "Q3 report.pdf"),
            r#"attachment; filename="Q3 report.pdf""#
        );
        assert_eq!(
            content_disposition("attachment", r#"a"b\c.txt"#),
            r#"attachment; filename="a\"b\\c.txt""#
        );
        // werkzeug: send_file(..., download_name="résumé €.pdf")
        assert_eq!(
            content_disposition("attachment", "résumé €.pdf"),
            "attachment; filename=\"resume .pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%82%AC.pdf"
        );
    }

    #[test]
    fn text_types_get_a_charset() {
        assert_eq!(guess_type("a.css"), "text/css; charset=utf-8");
        assert_eq!(guess_type("a.png"), "image/png");
        assert_eq!(guess_type("a.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(guess_type("noext"), "application/octet-stream");
    }
}
