// A route path must start with `/`.
use framework_core::prelude::*;

#[get("users")]
async fn users() -> &'static str {
    "users"
}

fn main() {}
