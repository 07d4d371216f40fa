//! `ValidJson<T>`: a JSON body, deserialised and validated.

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use super::body::{from_json, is_json, read_body, sent_type};
use super::validate::{Validatable, check};
use super::{InputError, InputSource};

/// A JSON body of type `T`, checked by `T`'s `#[validate(...)]` rules before the
/// handler runs (axum's `Json<T>` with validation).
///
/// Refused input never reaches the handler; the client gets an RFC 9457
/// `application/problem+json` document: `415` without a JSON `Content-Type`, `400`
/// for a body that is not JSON or does not fit `T` (a missing field, a wrong type),
/// `413` over the app's [`max_content_length`](crate::App::max_content_length), and
/// `422` listing every field error. These are [`InputError`]s inside the
/// framework's `Error`, so `#[errorhandler(422)]` can answer instead.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::testing::TestClient;
///
/// #[derive(Deserialize, Validate)]
/// struct NewPost {
///     #[validate(length(min = 1, message = "Title is required."))]
///     title: String,
/// }
///
/// #[post("/posts")]
/// async fn create(ValidJson(post): ValidJson<NewPost>) -> String {
///     format!("created {}", post.title)
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let client = TestClient::new(App::new().register(routes![create]));
/// let ok = client.post("/posts").json(&serde_json::json!({"title": "Hi"})).send().await;
/// assert_eq!(ok.text(), "created Hi");
///
/// let bad = client.post("/posts").json(&serde_json::json!({"title": ""})).send().await;
/// assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
/// assert_eq!(bad.header("content-type"), Some("application/problem+json"));
/// let problem: serde_json::Value = bad.json();
/// assert_eq!(problem["errors"][0]["message"], "Title is required.");
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ValidJson<T>(pub T);

impl<T> ValidJson<T> {
    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for ValidJson<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T, S> FromRequest<S> for ValidJson<T>
where
    T: Validatable + DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = InputError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers()) {
            return Err(InputError::unsupported(
                InputSource::Json,
                format!(
                    "Expected a JSON body (Content-Type: application/json), got {}.",
                    sent_type(request.headers())
                ),
            ));
        }
        let bytes = read_body(request, InputSource::Json).await?;
        let value: T =
            from_json(&bytes).map_err(|m| InputError::malformed(InputSource::Json, m))?;
        check(&value).map_err(|errors| InputError::invalid(InputSource::Json, errors))?;
        Ok(Self(value))
    }
}
