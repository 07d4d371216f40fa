// Endpoint names are identifiers; the blueprint's part is added by itself.
use framework_core::prelude::*;

#[get("/", endpoint = "shop.home")]
async fn index() -> &'static str {
    "shop"
}

fn main() {}
