// A plain `fn` is a handler too, and the function stays callable by its name.
#![forbid(unsafe_code)]
use framework_core::prelude::*;

#[get("/")]
fn index() -> &'static str {
    "index"
}

fn main() {
    assert_eq!(index(), "index");
    // A local variable may share a handler's name.
    let index = 3;
    let _ = index;
    let _ = App::new().register(routes![crate::index]);
}
