//! `ValidQuery<T>`: the query string, deserialised and validated.

use axum::extract::FromRequestParts;
use http::request::Parts;
use serde::de::DeserializeOwned;

use super::body::{check_urlencoded, from_urlencoded};
use super::validate::{Validatable, check};
use super::{InputError, InputSource};

/// The query string as a `T`, checked by `T`'s `#[validate(...)]` rules (axum's
/// `Query<T>` with validation; Flask's `request.args`).
///
/// Refused input gets an RFC 9457 `application/problem+json` document: `400` when
/// the query does not fit `T` or is not UTF-8, `422` listing every field error.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::testing::TestClient;
///
/// #[derive(Deserialize, Validate)]
/// struct Page {
///     #[validate(range(min = 1, max = 100))]
///     per_page: u32,
/// }
///
/// #[get("/posts")]
/// async fn posts(ValidQuery(page): ValidQuery<Page>) -> String {
///     format!("{} per page", page.per_page)
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let client = TestClient::new(App::new().register(routes![posts]));
/// assert_eq!(client.get("/posts?per_page=20").send().await.text(), "20 per page");
/// let res = client.get("/posts?per_page=500").send().await;
/// assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
/// let res = client.get("/posts?per_page=many").send().await;
/// assert_eq!(res.status(), StatusCode::BAD_REQUEST);
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ValidQuery<T>(pub T);

impl<T> ValidQuery<T> {
    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for ValidQuery<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T, S> FromRequestParts<S> for ValidQuery<T>
where
    T: Validatable + DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = InputError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default().as_bytes();
        let malformed = |m: String| InputError::malformed(InputSource::Query, m);
        check_urlencoded(query)
            .map_err(|m| malformed(format!("The query string is malformed: {m}.")))?;
        let value: T = from_urlencoded(query).map_err(malformed)?;
        check(&value).map_err(|errors| InputError::invalid(InputSource::Query, errors))?;
        Ok(Self(value))
    }
}
