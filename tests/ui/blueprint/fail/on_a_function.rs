// `#[blueprint]` goes on an inline module.
use framework_core::prelude::*;

#[blueprint(prefix = "/auth")]
fn auth() {}

fn main() {}
