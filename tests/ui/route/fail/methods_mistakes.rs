// A method listed twice, and a word that is no HTTP method at all (the help lists
// them).
use framework_core::prelude::*;

#[route("/a", methods = [GET, POST, GET])]
async fn a() -> &'static str {
    "a"
}

#[route("/b", methods = [FETCHALL])]
async fn b() -> &'static str {
    "b"
}

fn main() {
    let _ = App::new().register(routes![a, b]);
}
