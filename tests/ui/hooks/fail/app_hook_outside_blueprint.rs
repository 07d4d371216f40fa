// `#[before_app_request]` is for blueprints; outside one every hook is app-wide.
use framework_core::prelude::*;

#[before_app_request]
async fn load() {}

fn main() {}
