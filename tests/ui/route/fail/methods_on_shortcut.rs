// `#[get]` answers GET only: `methods` belongs on `#[route]`.
use framework_core::prelude::*;

#[get("/", methods = [POST])]
async fn index() -> &'static str {
    "index"
}

fn main() {}
