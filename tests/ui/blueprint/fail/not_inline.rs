// `#[blueprint]` needs to see the module's items.
use framework_core::prelude::*;

#[blueprint(prefix = "/auth")]
mod auth;

fn main() {}
