// `rate_limit` takes a string, `= "…"` or `("…", methods = [..])`; anything else
// says which forms there are.
use framework_core::prelude::*;

#[post("/a", rate_limit = 5)]
async fn a() -> &'static str {
    "a"
}

#[post("/b", rate_limit)]
async fn b() -> &'static str {
    "b"
}

#[post("/c", rate_limit("5/minute", method = [POST]))]
async fn c() -> &'static str {
    "c"
}

#[post("/d", rate_limit("5/minute", methods = [POST], 7))]
async fn d() -> &'static str {
    "d"
}

fn main() {
    let _ = App::new().register(routes![a, b, c, d]);
}
