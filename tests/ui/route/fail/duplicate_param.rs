// The same parameter name twice in one path.
use framework_core::prelude::*;

#[get("/<id>/compare/<id>")]
async fn compare(id: i64) -> String {
    format!("{id}")
}

fn main() {}
