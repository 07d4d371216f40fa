//! Templates chapter: a page from a template file that extends a base, escaping, and
//! links built from the routes.

// ANCHOR: page
// ANCHOR: uses
use askama::Template;
use framework_core::prelude::*;
use framework_core::templates::{Page, render};
// ANCHOR_END: uses

/// `templates/guide/hello.html`, which extends `templates/guide/base.html`; the
/// template is read when the crate compiles, so a missing file or field is a build
/// error.
#[derive(Template)]
#[template(path = "guide/hello.html")]
pub struct HelloPage {
    pub name: String,
    pub friends: Vec<String>,
}

/// Flask's `return render_template("hello.html", name=name)`.
#[get("/hello/<name>")]
pub async fn hello(name: String) -> Result<Html<String>> {
    let friends = vec!["Ferris".to_owned(), "Corro".to_owned()];
    render(&HelloPage { name, friends })
}

/// The same page as a return value: `Page` renders it.
#[get("/")]
pub async fn index() -> Page<HelloPage> {
    Page(HelloPage {
        name: "World".to_owned(),
        friends: Vec::new(),
    })
}
// ANCHOR_END: page

pub fn app() -> App {
    App::new().register(routes![hello, index])
}
