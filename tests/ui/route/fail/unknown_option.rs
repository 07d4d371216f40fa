// An option routes do not have: the message lists the ones they do, and a near
// miss gets a suggestion.
use framework_core::prelude::*;

#[get("/", name = "home")]
async fn index() -> &'static str {
    "index"
}

#[get("/about", endpiont = "about_page")]
async fn about() -> &'static str {
    "about"
}

fn main() {
    let _ = App::new().register(routes![index, about]);
}
