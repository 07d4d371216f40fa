// A filter that does not exist fails the build.
use askama::Template;
use framework_core::prelude::*;
use framework_core::templates::Page;

#[derive(Template)]
#[template(ext = "html", source = "<h1>{{ title|shout }}</h1>")]
struct Post {
    title: String,
}

#[get("/")]
async fn index() -> Page<Post> {
    Page(Post { title: "hi".into() })
}

fn main() {}
