// Links by name and by position, with query arguments, across modules.
#![forbid(unsafe_code)]
use framework_core::prelude::*;

#[blueprint(prefix = "/blog")]
mod blog {
    use framework_core::prelude::*;

    #[get("/<id>/<slug>")]
    async fn post(id: i64, slug: String) -> String {
        format!("{id} {slug}")
    }
}

fn main() {
    let slug = String::from("hello");
    assert_eq!(
        url_for!(blog::post, slug = &slug, id = 1).as_str(),
        "/blog/1/hello"
    );
    assert_eq!(
        blog::post::url(2, "x").query("page", 3).as_str(),
        "/blog/2/x?page=3"
    );
}
