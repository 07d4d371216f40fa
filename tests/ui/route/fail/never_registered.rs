// An app-level route and hook that no `routes![..]` takes: Flask registers on
// decoration; here forgetting it fails the build, naming each.
use framework_core::prelude::*;

#[get("/")]
async fn index() -> &'static str {
    "index"
}

#[get("/about")]
async fn about() -> &'static str {
    "about"
}

#[before_request]
async fn load_user() {}

fn main() {
    let _ = App::new().register(routes![index]);
}
