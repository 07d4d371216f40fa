// A route answers at least one method.
use framework_core::prelude::*;

#[route("/", methods = [])]
async fn index() -> &'static str {
    "index"
}

fn main() {
    let _ = App::new().register(routes![index]);
}
