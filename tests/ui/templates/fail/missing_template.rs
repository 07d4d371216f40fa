// A template file that does not exist fails the build, where it is named.
use askama::Template;
use framework_core::prelude::*;
use framework_core::templates::Page;

#[derive(Template)]
#[template(path = "no_such_page.html")]
struct Missing;

#[get("/")]
async fn index() -> Page<Missing> {
    Page(Missing)
}

fn main() {}
