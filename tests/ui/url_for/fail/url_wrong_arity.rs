// `route::url(..)` takes the parameters in path order, all of them.
use framework_core::prelude::*;

#[get("/posts/<id>/<slug>")]
async fn post(id: i64, slug: String) -> String {
    format!("{id} {slug}")
}

fn main() {
    let _ = post::url(1);
}
