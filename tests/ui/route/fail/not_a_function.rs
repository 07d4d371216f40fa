// `#[route]` goes on functions.
use framework_core::prelude::*;

#[route("/")]
struct Index;

fn main() {}
