//! `Multipart`: `multipart/form-data` uploads, read field by field, with a size limit
//! per file and per text field.

use std::path::Path;

use axum::extract::multipart::MultipartError;
use axum::extract::{FromRequest, Request};
use bytes::{Bytes, BytesMut};
use http::{HeaderMap, StatusCode};
use tokio::io::AsyncWriteExt;

use super::body::{has_media_type, sent_type, too_large};
use super::{InputError, InputSource, secure_filename};
use crate::{Error, Result};

/// A `multipart/form-data` body (Flask's `request.files` and `request.form` of an
/// upload form), read one field at a time.
///
/// Each file may be at most [`max_file_size`](Self::max_file_size) bytes (no limit
/// of its own by default) and each text field at most
/// [`max_field_size`](Self::max_field_size) (500 kB, werkzeug's
/// `MAX_FORM_MEMORY_SIZE`); the whole request stays within the app's
/// [`max_content_length`](crate::App::max_content_length) (1 MiB unless raised). A
/// field over its limit is a `413`; a body that is not multipart is `415`, a broken
/// one `400`. Errors come as the framework's [`Error`], ready for `?`.
///
/// ```
/// use framework_core::prelude::*;
///
/// #[post("/avatar")]
/// async fn upload(form: Multipart) -> Result<String> {
///     let mut form = form.max_file_size(256 * 1024);
///     let mut saved = Vec::new();
///     while let Some(field) = form.next_field().await? {
///         if field.name() != Some("avatar") {
///             continue;
///         }
///         let Some(name) = field.safe_file_name() else {
///             return Err(abort(StatusCode::BAD_REQUEST).with_message("No file name."));
///         };
///         let dir = std::env::temp_dir();
///         field.save(dir.join(&name)).await?;
///         saved.push(name);
///     }
///     Ok(format!("saved {}", saved.join(", ")))
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![upload]);
/// ```
pub struct Multipart {
    inner: axum::extract::Multipart,
    max_file_size: Option<usize>,
    max_field_size: usize,
    max_parts: usize,
    parts: usize,
}

impl Multipart {
    /// The default limit of one text field: 500 kB, as werkzeug's (the app's
    /// `MAX_FORM_MEMORY_SIZE` if it sets one).
    pub const DEFAULT_MAX_FIELD_SIZE: usize = 500_000;

    /// The most bytes one file may have (`413` past it).
    pub fn max_file_size(mut self, bytes: usize) -> Self {
        self.max_file_size = Some(bytes);
        self
    }

    /// The most bytes one text field (a field without a file name) may have.
    pub fn max_field_size(mut self, bytes: usize) -> Self {
        self.max_field_size = bytes;
        self
    }

    /// The next field, or `None` after the last; a field past the app's
    /// `MAX_FORM_PARTS` (1,000 unless set) is a `413`.
    pub async fn next_field(&mut self) -> Result<Option<Field<'_>>> {
        let field = self.inner.next_field().await.map_err(from_multipart)?;
        if field.is_some() {
            self.parts += 1;
            if self.parts > self.max_parts {
                return Err(InputError::too_large(
                    InputSource::Multipart,
                    format!(
                        "The upload has more fields than this server accepts ({} at most).",
                        self.max_parts
                    ),
                )
                .into_error());
            }
        }
        Ok(field.map(|inner| {
            let limit = if inner.file_name().is_some() {
                self.max_file_size
            } else {
                Some(self.max_field_size)
            };
            Field {
                inner,
                limit,
                read: 0,
            }
        }))
    }
}

impl std::fmt::Debug for Multipart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Multipart")
            .field("max_file_size", &self.max_file_size)
            .field("max_field_size", &self.max_field_size)
            .finish_non_exhaustive()
    }
}

impl<S: Send + Sync> FromRequest<S> for Multipart {
    type Rejection = InputError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let source = InputSource::Multipart;
        if !has_media_type(request.headers(), "multipart/form-data") {
            return Err(InputError::unsupported(
                source,
                format!(
                    "Expected an upload (Content-Type: multipart/form-data), got {}.",
                    sent_type(request.headers())
                ),
            ));
        }
        let limits = super::FormLimits::of(request.extensions());
        let inner = axum::extract::Multipart::from_request(request, state)
            .await
            .map_err(|rejection| {
                InputError::malformed(source, format!("{}.", rejection.body_text()))
            })?;
        Ok(Self {
            inner,
            max_file_size: None,
            max_field_size: limits.max_memory_size,
            max_parts: limits.max_parts,
            parts: 0,
        })
    }
}

/// One field of a [`Multipart`] body: a file (it has a file name) or a text value.
///
/// ```
/// use framework_core::prelude::*;
///
/// #[post("/notes")]
/// async fn notes(mut form: Multipart) -> Result<String> {
///     let mut out = String::new();
///     while let Some(field) = form.next_field().await? {
///         let name = field.name().unwrap_or_default().to_owned();
///         if field.is_file() {
///             let bytes = field.bytes().await?;
///             out += &format!("{name}: {} bytes\n", bytes.len());
///         } else {
///             out += &format!("{name} = {}\n", field.text().await?);
///         }
///     }
///     Ok(out)
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![notes]);
/// ```
pub struct Field<'a> {
    inner: axum::extract::multipart::Field<'a>,
    limit: Option<usize>,
    read: usize,
}

impl Field<'_> {
    /// The field's name in the form.
    pub fn name(&self) -> Option<&str> {
        self.inner.name()
    }

    /// The file name as the client sent it: never use it as a path; see
    /// [`safe_file_name`](Self::safe_file_name).
    pub fn file_name(&self) -> Option<&str> {
        self.inner.file_name()
    }

    /// The file name made safe by [`secure_filename`]; `None` when there is no file
    /// name or nothing safe is left of it.
    pub fn safe_file_name(&self) -> Option<String> {
        self.file_name()
            .map(secure_filename)
            .filter(|name| !name.is_empty())
    }

    /// Whether this field is a file (the client sent a file name).
    pub fn is_file(&self) -> bool {
        self.inner.file_name().is_some()
    }

    /// The `Content-Type` the client gave the field.
    pub fn content_type(&self) -> Option<&str> {
        self.inner.content_type()
    }

    /// The field's headers.
    pub fn headers(&self) -> &HeaderMap {
        self.inner.headers()
    }

    /// The most bytes this field may have.
    pub fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// The next piece of the field's content; `413` once past the limit.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>> {
        let chunk = self.inner.chunk().await.map_err(from_multipart)?;
        if let Some(chunk) = &chunk {
            self.read += chunk.len();
            if let Some(limit) = self.limit.filter(|limit| self.read > *limit) {
                return Err(self.over_limit(limit));
            }
        }
        Ok(chunk)
    }

    /// The whole content, within the limit.
    pub async fn bytes(mut self) -> Result<Bytes> {
        let mut all = BytesMut::new();
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all.freeze())
    }

    /// The whole content as text; `400` when it is not UTF-8.
    pub async fn text(self) -> Result<String> {
        let name = self.name().unwrap_or_default().to_owned();
        let bytes = self.bytes().await?;
        String::from_utf8(bytes.into()).map_err(|_| {
            InputError::malformed(
                InputSource::Multipart,
                format!("The field `{name}` is not valid UTF-8."),
            )
            .into_error()
        })
    }

    /// Writes the content to the file at `path` (created or truncated), as werkzeug's
    /// `FileStorage.save`, and returns how many bytes were written. Past the limit the
    /// partial file is removed and the answer is `413`.
    pub async fn save(mut self, path: impl AsRef<Path>) -> Result<u64> {
        let path = path.as_ref();
        let mut file = tokio::fs::File::create(path).await?;
        let mut written = 0u64;
        let outcome: Result<()> = async {
            while let Some(chunk) = self.chunk().await? {
                file.write_all(&chunk).await?;
                written += chunk.len() as u64;
            }
            file.flush().await?;
            Ok(())
        }
        .await;
        if let Err(error) = outcome {
            drop(file);
            let _ = tokio::fs::remove_file(path).await;
            return Err(error);
        }
        Ok(written)
    }

    fn over_limit(&self, limit: usize) -> Error {
        let name = self.name().unwrap_or_default();
        let message = match self.file_name() {
            Some(file) => {
                format!("The file `{file}` (field `{name}`) is larger than {limit} bytes.")
            }
            None => format!("The field `{name}` is larger than {limit} bytes."),
        };
        InputError::too_large(InputSource::Multipart, message).into_error()
    }
}

impl std::fmt::Debug for Field<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field")
            .field("name", &self.name())
            .field("file_name", &self.file_name())
            .field("content_type", &self.content_type())
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

fn from_multipart(error: MultipartError) -> Error {
    let source = InputSource::Multipart;
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(source).into_error()
    } else {
        InputError::malformed(
            source,
            format!("The upload is malformed: {}.", error.body_text()),
        )
        .into_error()
    }
}
