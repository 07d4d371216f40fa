// A template that uses a field its struct does not have fails the build.
use askama::Template;
use framework_core::prelude::*;
use framework_core::templates::Page;

#[derive(Template)]
#[template(ext = "html", source = "<h1>{{ title }}</h1><p>{{ body }}</p>")]
struct Post {
    title: String,
}

#[get("/")]
async fn index() -> Page<Post> {
    Page(Post { title: "hi".into() })
}

fn main() {}
