// A link with a misspelled parameter.
use framework_core::prelude::*;

#[get("/posts/<id>")]
async fn post(id: i64) -> String {
    format!("{id}")
}

fn main() {
    let _ = url_for!(post, idd = 1);
}
