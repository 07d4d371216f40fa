// Parameters of many types, a catch-all, and their URLs.
#![forbid(unsafe_code)]
use framework_core::prelude::*;

#[get("/users/<id>/posts/<slug>")]
async fn post(id: i64, slug: String) -> String {
    format!("{id} {slug}")
}

#[get("/things/<key>")]
async fn thing(key: uuid::Uuid) -> String {
    key.to_string()
}

#[get("/files/<path:rest>")]
async fn file(rest: String) -> String {
    rest
}

fn main() {
    let _ = App::new().register(routes![post, thing, file]);
    assert_eq!(post::url(1, "a").as_str(), "/users/1/posts/a");
    assert_eq!(file::url("a/b").as_str(), "/files/a/b");
    let _ = thing::url(uuid::Uuid::nil());
}
