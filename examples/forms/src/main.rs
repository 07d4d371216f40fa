//! Run with `cargo run -p example-forms`, then open <http://127.0.0.1:5000/register>.
//!
//! A form that, when its input is invalid, comes back with what was typed and the
//! first error (the way Flask's tutorial shows errors); valid input is stored, flashed
//! and redirected (303). Pages extend a base template that shows flashed messages and
//! links built from the routes; the stylesheet is a static file; the form carries its
//! CSRF token.
#![forbid(unsafe_code)]

// ANCHOR: uses
use std::sync::{Arc, Mutex};

use askama::Template;
use framework_core::cli::Cli;
use framework_core::prelude::*;
use framework_core::static_files::StaticFiles;
use framework_core::templates::render;
use framework_sessions::{PageContext, Session};
// ANCHOR_END: uses

/// The static folder, also used by templates for URLs.
pub static STATIC: std::sync::LazyLock<StaticFiles> =
    std::sync::LazyLock::new(|| StaticFiles::new(concat!(env!("CARGO_MANIFEST_DIR"), "/static")));

/// The members so far (a database in a real app).
#[derive(Clone, Default)]
struct Members(Arc<Mutex<Vec<String>>>);

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    ctx: PageContext,
    members: Vec<String>,
}

#[get("/")]
async fn index(ctx: PageContext, Extension(members): Extension<Members>) -> Result<Html<String>> {
    let members = members.0.lock().map(|m| m.clone()).unwrap_or_default();
    render(&IndexPage { ctx, members })
}

// ANCHOR: form
#[derive(Deserialize, Validate)]
struct Registration {
    #[validate(length(min = 1, message = "Name is required."))]
    name: String,
    #[validate(email(message = "Enter a valid email address."))]
    email: String,
    #[validate(range(min = 13, message = "You must be 13 or older."))]
    age: u32,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage<'a> {
    ctx: PageContext,
    first_error: Option<&'a str>,
    name: &'a str,
    email: &'a str,
    age: &'a str,
}

/// `GET` shows the form; `POST` stores a valid registration, or shows the form again
/// with what was typed and the first error.
#[route("/register", methods = [GET, POST])]
async fn register(
    ctx: PageContext,
    session: Session,
    Extension(members): Extension<Members>,
    form: Option<FormResult<Registration>>,
) -> Result<Response> {
    let errors = match form.map(|f| f.0) {
        None => None,
        Some(Ok(registration)) => {
            if let Ok(mut list) = members.0.lock() {
                list.push(registration.name.clone());
            }
            session
                .flash(format!("Welcome, {}!", registration.name))
                .await?;
            return Ok(redirect_see_other(index::url().as_str()));
        }
        Some(Err(errors)) => Some(errors),
    };
    let value = |field| errors.as_ref().and_then(|e| e.value(field)).unwrap_or("");
    let page = RegisterPage {
        ctx,
        first_error: errors.as_ref().and_then(|e| e.first_error()),
        name: value("name"),
        email: value("email"),
        age: value("age"),
    };
    Ok(render(&page)?.into_response())
}
// ANCHOR_END: form

fn app() -> App {
    App::new()
        .register(routes![index, register])
        .static_folder(STATIC.folder())
        .extension(Members::default())
}

fn main() -> std::process::ExitCode {
    Cli::new("example-forms", app())
        .setup(|app, config| async move { Ok(framework_sessions::install(app, &config).await?) })
        .main()
}

#[cfg(test)]
mod tests;
