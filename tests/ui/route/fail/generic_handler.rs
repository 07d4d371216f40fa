// Handlers cannot be generic: the framework calls them with concrete types.
use framework_core::prelude::*;

#[get("/")]
async fn index<T: Default>() -> &'static str {
    "index"
}

fn main() {}
