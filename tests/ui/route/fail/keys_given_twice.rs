// Each key of a route once: a second `endpoint`, `strict_slashes`, `defaults` or
// `rate_limit` is an error on the second key (each function here has one).
use framework_core::prelude::*;

#[get("/a", endpoint = "a", endpoint = "first")]
async fn a() -> &'static str {
    "a"
}

#[get("/b/", strict_slashes = false, strict_slashes = true)]
async fn b() -> &'static str {
    "b"
}

#[get("/c", defaults = { page = 1 }, defaults = { page = 2 })]
async fn c(page: u32) -> String {
    page.to_string()
}

#[post("/d", rate_limit = "5/minute", rate_limit = "100/day")]
async fn d() -> &'static str {
    "d"
}

fn main() {
    let _ = App::new().register(routes![a, b, c, d]);
}
