// A view is called by the framework for each request: not a `const fn`.
use framework_core::prelude::*;

#[get("/")]
const fn index() -> &'static str {
    "index"
}

fn main() {
    let _ = App::new().register(routes![index]);
}
