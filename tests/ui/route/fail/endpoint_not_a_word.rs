// An endpoint name is one word: it is what `url_for` and `request.endpoint` show.
use framework_core::prelude::*;

#[get("/", endpoint = "home page")]
async fn index() -> &'static str {
    "index"
}

#[get("/about", endpoint = "")]
async fn about() -> &'static str {
    "about"
}

fn main() {
    let _ = App::new().register(routes![index, about]);
}
