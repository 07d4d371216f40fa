// A blueprint's name starts its endpoints' names (`shop.index`): one identifier.
use framework_core::prelude::*;

#[blueprint(name = "my shop", prefix = "/shop")]
mod shop {}

#[blueprint(name = "2fa", prefix = "/2fa")]
mod two_factor {}

fn main() {}
