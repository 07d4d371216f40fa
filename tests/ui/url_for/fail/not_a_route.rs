// `url_for!` names a route, not any function.
use framework_core::prelude::*;

fn helper() {}

fn main() {
    helper();
    let _ = url_for!(String);
}
