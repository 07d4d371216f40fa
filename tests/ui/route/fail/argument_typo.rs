// An argument of a plain type that is no parameter: most often a typo (`idd` for `id`).
use framework_core::prelude::*;

#[get("/posts/<id>")]
async fn post(idd: i64) -> String {
    format!("{idd}")
}

fn main() {}
