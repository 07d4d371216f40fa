// Hooks run for many routes and cannot take path parameters.
use framework_core::prelude::*;

#[before_request]
async fn load(id: i64) {
    let _ = id;
}

fn main() {}
