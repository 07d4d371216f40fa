//! Run with `cargo run`, then open <http://127.0.0.1:5000/>; `cargo run -- routes`
//! lists the routes, `cargo test` runs the tests in `src/tests.rs`.
//!
//! A page at the root, and a blueprint with a form that checks what it is sent and
//! shows itself again, filled in, with the first error.

use std::sync::{Arc, Mutex};

use askama::Template;
use framework_core::cli::Cli;
use framework_core::prelude::*;
use framework_core::templates::Page;

/// The notes so far, shared by every request through `App::extension` (an app that
/// keeps them would use a database: see the book's Databases chapter).
#[derive(Clone, Default)]
pub struct Notes(Arc<Mutex<Vec<String>>>);

impl Notes {
    fn all(&self) -> Vec<String> {
        self.0.lock().map(|notes| notes.clone()).unwrap_or_default()
    }

    fn add(&self, note: String) {
        if let Ok(mut notes) = self.0.lock() {
            notes.push(note);
        }
    }
}

/// `templates/index.html`, checked when the app compiles.
#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    notes: Vec<String>,
}

/// A route of the app itself, registered in `app()` with `routes![..]`.
#[get("/")]
async fn index(Extension(notes): Extension<Notes>) -> Page<IndexPage> {
    Page(IndexPage { notes: notes.all() })
}

/// A blueprint: its routes live under `/notes`, its endpoints are `notes.<name>`.
#[blueprint(prefix = "/notes")]
mod notes {
    use askama::Template;
    use framework_core::prelude::*;
    use framework_core::templates::render;

    use crate::Notes;

    /// What the form sends, and the rules it must meet.
    #[derive(Deserialize, Validate)]
    pub struct NewNote {
        #[validate(length(min = 1, max = 200, message = "Write a note of 1 to 200 characters."))]
        pub text: String,
    }

    #[derive(Template)]
    #[template(path = "add.html")]
    struct AddPage<'a> {
        error: Option<&'a str>,
        text: &'a str,
    }

    /// `GET` shows the empty form (`form` is `None`); `POST` stores a valid note and
    /// goes back to the index, or shows the form again with the first error.
    #[route("/add", methods = [GET, POST])]
    pub async fn add(
        Extension(notes): Extension<Notes>,
        form: Option<FormResult<NewNote>>,
    ) -> Result<Response> {
        match form.map(FormResult::into_result) {
            None => Ok(render(&AddPage { error: None, text: "" })?.into_response()),
            Some(Ok(note)) => {
                notes.add(note.text);
                Ok(redirect_see_other(crate::index::url().as_str()))
            }
            Some(Err(errors)) => {
                let page = AddPage {
                    error: errors.first_error(),
                    text: errors.value("text").unwrap_or(""),
                };
                Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
        }
    }
}

/// The app: what `main` serves and what the tests send requests to.
fn app() -> App {
    App::new()
        .register(routes![index])
        .blueprint(notes::blueprint())
        .extension(Notes::default())
}

/// `run` (the default) serves on 127.0.0.1:5000 (`--host`, `--port`, or `HOST` and
/// `PORT`); `routes` lists the routes.
fn main() -> std::process::ExitCode {
    Cli::new(env!("CARGO_PKG_NAME"), app()).main()
}

#[cfg(test)]
mod tests;
