// A prefix is a path without parameters.
use framework_core::prelude::*;

#[blueprint(prefix = "/users/<id>")]
mod users {}

#[blueprint(prefix = "auth")]
mod auth {}

fn main() {}
