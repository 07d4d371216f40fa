// An option routes do not have: the message lists the ones they do.
use framework_core::prelude::*;

#[get("/", name = "home")]
async fn index() -> &'static str {
    "index"
}

fn main() {
    let _ = App::new().register(routes![index]);
}
