//! HTML forms: `ValidForm<T>` (refuses invalid input with a 422 page) and
//! `FormResult<T>` (hands the errors and the submitted values to the handler, to
//! show the form again).

use std::fmt;

use axum::extract::{FromRequest, OptionalFromRequest, Request};
use http::Method;
use serde::de::DeserializeOwned;

use super::body::{
    check_urlencoded, from_urlencoded, has_media_type, parse_urlencoded, read_body, sent_type,
};
use super::validate::{Validatable, check};
use super::{FieldErrors, InputError, InputSource};

/// Why a submitted form was not accepted, with what was submitted so the page can be
/// shown again filled in.
///
/// ```
/// use framework_core::prelude::*;
///
/// #[derive(Deserialize, Validate)]
/// struct Register {
///     #[validate(length(min = 1, message = "Username is required."))]
///     username: String,
///     #[validate(length(min = 1, message = "Password is required."))]
///     password: String,
/// }
///
/// fn page(error: Option<&str>, username: &str) -> String {
///     format!("{} [{username}]", error.unwrap_or(""))
/// }
///
/// #[route("/register", methods = [GET, POST])]
/// async fn register(form: Option<FormResult<Register>>) -> Response {
///     match form.map(FormResult::into_result) {
///         // GET: show the empty form.
///         None => Html(page(None, "")).into_response(),
///         Some(Ok(user)) => redirect_see_other("/login"),
///         // Show the first error, as Flaskr does, with the name filled in again.
///         Some(Err(errors)) => (
///             StatusCode::UNPROCESSABLE_ENTITY,
///             Html(page(errors.first_error(), errors.value("username").unwrap_or(""))),
///         )
///             .into_response(),
///     }
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![register]);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormErrors {
    errors: FieldErrors,
    values: Vec<(String, String)>,
}

impl FormErrors {
    /// Errors for a form submitted with `values` (for errors you find yourself, such
    /// as a name already taken).
    pub fn new(errors: FieldErrors, values: Vec<(String, String)>) -> Self {
        Self { errors, values }
    }

    /// The message of the first error (first invalid field in declaration order):
    /// Flaskr's `flash(error)`.
    pub fn first_error(&self) -> Option<&str> {
        self.errors.first().map(|e| e.message.as_str())
    }

    /// The first message for `field`, to show beside its input.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.errors.message_for(field)
    }

    /// Every field error.
    pub fn errors(&self) -> &FieldErrors {
        &self.errors
    }

    /// The value submitted for `field` (the first, if sent more than once).
    pub fn value(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.as_str())
    }

    /// Every submitted name and value, in order.
    pub fn values(&self) -> &[(String, String)] {
        &self.values
    }
}

impl fmt::Display for FormErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(&error.message)?;
        }
        Ok(())
    }
}

/// A submitted HTML form (`application/x-www-form-urlencoded` body, Flask's
/// `request.form`) as a `T`, checked by `T`'s `#[validate(...)]` rules.
///
/// Invalid input gets a default `422` page listing the errors (or your
/// `#[errorhandler(422)]`); take [`FormResult<T>`] instead to show your own form
/// again. A body that is not a form is `415`; one that does not fit `T` (a missing
/// field, a number that is not one) or is not UTF-8 is `400`; one over
/// [`max_content_length`](crate::App::max_content_length) is `413`.
///
/// `Option<ValidForm<T>>` is `None` for `GET` and `HEAD`, for a route that shows
/// the form and takes it (`methods = [GET, POST]`).
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::testing::TestClient;
///
/// #[derive(Deserialize, Serialize, Validate)]
/// struct Comment {
///     #[validate(length(min = 1, max = 500))]
///     body: String,
/// }
///
/// #[post("/comments")]
/// async fn comment(ValidForm(comment): ValidForm<Comment>) -> Response {
///     redirect_see_other("/")
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let client = TestClient::new(App::new().register(routes![comment]));
/// let res = client.post("/comments").form(&Comment { body: "Nice".into() }).send().await;
/// assert_eq!(res.status(), StatusCode::SEE_OTHER);
/// let res = client.post("/comments").form(&Comment { body: "".into() }).send().await;
/// assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
/// assert!(res.text().contains("body must be between 1 and 500 characters long."));
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ValidForm<T>(pub T);

impl<T> ValidForm<T> {
    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for ValidForm<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// A submitted HTML form: the valid `T`, or the [`FormErrors`] to show the form again
/// with — the handler decides (Flaskr's register, login and create pages).
///
/// Only failed validation reaches the handler; a body that is not a form, cannot be
/// read as `T` or is too large is refused as [`ValidForm`] refuses it.
/// `Option<FormResult<T>>` is `None` for `GET` and `HEAD`.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::testing::TestClient;
///
/// #[derive(Deserialize, Serialize, Validate)]
/// struct Login {
///     #[validate(length(min = 1, message = "Username is required."))]
///     username: String,
///     #[validate(length(min = 1, message = "Password is required."))]
///     password: String,
/// }
///
/// #[post("/login")]
/// async fn login(FormResult(form): FormResult<Login>) -> Response {
///     match form {
///         Ok(login) => redirect_see_other("/"),
///         Err(errors) => Html(format!(
///             "<p class=flash>{}</p><input name=username value=\"{}\">",
///             errors.first_error().unwrap_or_default(),
///             errors.value("username").unwrap_or_default(),
///         ))
///         .into_response(),
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let client = TestClient::new(App::new().register(routes![login]));
/// let form = Login { username: "ferris".into(), password: "".into() };
/// let page = client.post("/login").form(&form).send().await.text();
/// assert!(page.contains("Password is required."));
/// assert!(page.contains("value=\"ferris\""));
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct FormResult<T>(pub Result<T, FormErrors>);

impl<T> FormResult<T> {
    /// The result.
    pub fn into_result(self) -> Result<T, FormErrors> {
        self.0
    }
}

/// Reads and checks the form; `Ok(Err(..))` is failed validation only.
async fn read_form<T>(request: Request) -> Result<Result<T, FormErrors>, InputError>
where
    T: Validatable + DeserializeOwned,
{
    let source = InputSource::Form;
    let headers = request.headers();
    if !has_media_type(headers, "application/x-www-form-urlencoded") {
        return Err(not_a_form(headers));
    }
    let limits = super::FormLimits::of(request.extensions());
    let bytes = read_body(request, source).await?;
    if bytes.len() > limits.max_memory_size {
        return Err(InputError::too_large(
            source,
            format!(
                "The form is larger than this server accepts ({} bytes at most).",
                limits.max_memory_size
            ),
        ));
    }
    let fields = check_urlencoded(&bytes)
        .map_err(|m| InputError::malformed(source, format!("The form is malformed: {m}.")))?;
    if fields > limits.max_parts {
        return Err(InputError::too_large(
            source,
            format!(
                "The form has more fields than this server accepts ({} at most).",
                limits.max_parts
            ),
        ));
    }
    let value: T = from_urlencoded(&bytes).map_err(|m| InputError::malformed(source, m))?;
    Ok(match check(&value) {
        Ok(()) => Ok(value),
        // The submitted values, to show the form again; `check_urlencoded` passed, so
        // they decode.
        Err(errors) => Err(FormErrors::new(
            errors,
            parse_urlencoded(&bytes).unwrap_or_default(),
        )),
    })
}

/// The refusal of a body that is not a URL-encoded form.
#[cold]
fn not_a_form(headers: &http::HeaderMap) -> InputError {
    let source = InputSource::Form;
    if has_media_type(headers, "multipart/form-data") {
        return InputError::unsupported(
            source,
            "Expected a URL-encoded form, got `multipart/form-data`: take `Multipart` to read uploads.",
        );
    }
    InputError::unsupported(
        source,
        format!(
            "Expected a form (Content-Type: application/x-www-form-urlencoded), got {}.",
            sent_type(headers)
        ),
    )
}

/// `GET` and `HEAD` show a form; they do not submit one.
fn shows_form(request: &Request) -> bool {
    request.method() == Method::GET || request.method() == Method::HEAD
}

impl<T, S> FromRequest<S> for ValidForm<T>
where
    T: Validatable + DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = InputError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        match read_form(request).await? {
            Ok(value) => Ok(Self(value)),
            Err(errors) => Err(InputError::invalid_form(errors)),
        }
    }
}

impl<T, S> OptionalFromRequest<S> for ValidForm<T>
where
    T: Validatable + DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = InputError;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        if shows_form(&request) {
            return Ok(None);
        }
        <Self as FromRequest<S>>::from_request(request, state)
            .await
            .map(Some)
    }
}

impl<T, S> FromRequest<S> for FormResult<T>
where
    T: Validatable + DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = InputError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        read_form(request).await.map(Self)
    }
}

impl<T, S> OptionalFromRequest<S> for FormResult<T>
where
    T: Validatable + DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = InputError;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        if shows_form(&request) {
            return Ok(None);
        }
        <Self as FromRequest<S>>::from_request(request, state)
            .await
            .map(Some)
    }
}
