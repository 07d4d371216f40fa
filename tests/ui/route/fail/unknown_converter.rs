// Flask's `<int:id>` converter: here the argument's type decides parsing.
use framework_core::prelude::*;

#[get("/posts/<int:id>")]
async fn post(id: i64) -> String {
    format!("{id}")
}

fn main() {}
