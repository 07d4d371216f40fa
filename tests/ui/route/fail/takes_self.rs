// A handler is a free function: the framework has no value to call a method on.
use framework_core::prelude::*;

struct Site;

impl Site {
    #[get("/")]
    async fn index(&self) -> &'static str {
        "index"
    }
}

fn main() {}
