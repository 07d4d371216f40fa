// A link with a value of the wrong type.
use framework_core::prelude::*;

#[get("/posts/<id>")]
async fn post(id: i64) -> String {
    format!("{id}")
}

fn main() {
    let _ = url_for!(post, id = "seven");
}
