// `//` in a path is an empty segment; the message shows the fixed path.
use framework_core::prelude::*;

#[get("/a//b")]
async fn ab() -> &'static str {
    "ab"
}

fn main() {}
