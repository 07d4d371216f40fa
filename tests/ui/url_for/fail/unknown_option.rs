// `url_for!` options start with `_`; this one does not exist.
use framework_core::prelude::*;

#[get("/posts/<id>")]
async fn post(id: i64) -> String {
    id.to_string()
}

fn main() {
    let _ = url_for!(post, id = 1, _externall = true);
}
