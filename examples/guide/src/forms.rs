//! Forms chapter: rules on a struct, a form that comes back with its errors and
//! values, and the strict form that answers 422 by itself.

// ANCHOR: form
// ANCHOR: uses
use framework_core::prelude::*;
// ANCHOR_END: uses

/// The rules are validator's attributes; a message is what the user reads.
#[derive(Deserialize, Validate)]
pub struct Signup {
    #[validate(length(min = 3, message = "Pick a name of 3 letters or more."))]
    pub username: String,
    #[validate(email(message = "Enter a valid email address."))]
    pub email: String,
}

/// `GET` shows the form (`None`); `POST` is valid input or the errors with what was
/// typed, as Flask's `if request.method == "POST": … flash(error)`.
#[route("/signup", methods = [GET, POST])]
pub async fn signup(form: Option<FormResult<Signup>>) -> String {
    match form.map(FormResult::into_result) {
        None => "the empty form".to_owned(),
        Some(Ok(signup)) => format!("welcome, {} <{}>", signup.username, signup.email),
        Some(Err(errors)) => format!(
            "again: {} (you typed {:?})",
            errors.first_error().unwrap_or("invalid"),
            errors.value("username").unwrap_or("")
        ),
    }
}
// ANCHOR_END: form

// ANCHOR: strict
/// Only valid input reaches this handler; anything else is a 422 listing the errors
/// (or the app's `#[errorhandler(422)]` page).
#[post("/api/signup")]
pub async fn api_signup(ValidForm(signup): ValidForm<Signup>) -> String {
    format!("welcome, {}", signup.username)
}
// ANCHOR_END: strict

pub fn app() -> App {
    App::new().register(routes![signup, api_signup])
}
