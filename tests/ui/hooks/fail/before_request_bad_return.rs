// A before-request hook returns nothing, a response to end the request, or a Result.
use framework_core::prelude::*;

#[before_request]
async fn load() -> u32 {
    1
}

fn main() {}
