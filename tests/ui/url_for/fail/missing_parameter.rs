// A link that leaves out a parameter.
use framework_core::prelude::*;

#[get("/posts/<id>/<slug>")]
async fn post(id: i64, slug: String) -> String {
    format!("{id} {slug}")
}

fn main() {
    let _ = url_for!(post, id = 1);
}
