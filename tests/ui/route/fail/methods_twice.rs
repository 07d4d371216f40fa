// A key given twice.
use framework_core::prelude::*;

#[route("/", methods = [GET], methods = [POST])]
async fn index() -> &'static str {
    "index"
}

fn main() {
    let _ = App::new().register(routes![index]);
}
