// A parameter without its closing `>` is rejected, quoting the fragment.
use framework_core::prelude::*;

#[get("/users/<id")]
async fn show(id: i64) -> String {
    format!("{id}")
}

fn main() {}
