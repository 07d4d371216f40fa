// `defaults = { name = value, .. }`: an empty list, a name given twice, a value
// that is not a list, and an entry without a name.
use framework_core::prelude::*;

#[get("/a", defaults = {})]
async fn a(page: u32) -> String {
    page.to_string()
}

#[get("/b", defaults = { page = 1, page = 2 })]
async fn b(page: u32) -> String {
    page.to_string()
}

#[get("/c", defaults = page)]
async fn c(page: u32) -> String {
    page.to_string()
}

#[get("/d", defaults = { 1 = 2 })]
async fn d(page: u32) -> String {
    page.to_string()
}

fn main() {
    let _ = App::new().register(routes![a, b, c, d]);
}
