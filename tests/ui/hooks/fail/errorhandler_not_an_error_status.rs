// Error handlers take 400-599 or an error type.
use framework_core::prelude::*;

#[errorhandler(200)]
async fn ok() -> &'static str {
    "ok"
}

fn main() {}
