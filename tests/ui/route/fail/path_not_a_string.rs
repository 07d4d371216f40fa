// The path comes first, as a string literal; a route attribute without one, first
// or stacked, says so.
use framework_core::prelude::*;

#[get(index)]
async fn index() -> &'static str {
    "index"
}

#[get]
async fn about() -> &'static str {
    "about"
}

#[get("/contact")]
#[get]
async fn contact() -> &'static str {
    "contact"
}

fn main() {
    let _ = App::new().register(routes![index, about, contact]);
}
