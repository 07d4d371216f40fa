// A handler must return something that becomes a response.
use framework_core::prelude::*;

struct Page;

#[get("/")]
async fn index() -> Page {
    Page
}

fn main() {}
