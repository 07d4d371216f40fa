// `_scheme` only makes sense for an external URL.
use framework_core::prelude::*;

#[get("/")]
async fn index() -> &'static str {
    "home"
}

fn main() {
    let _ = url_for!(index, _scheme = "https");
}
