// A misspelled method gets a suggestion; a lower-case one is told to use upper case.
use framework_core::prelude::*;

#[route("/a", methods = [GTE])]
async fn a() -> &'static str {
    "a"
}

#[route("/b", methods = [get, POST])]
async fn b() -> &'static str {
    "b"
}

fn main() {}
