// An argument that is neither a path parameter nor an extractor.
use framework_core::prelude::*;

struct Settings {
    debug: bool,
}

#[get("/")]
async fn index(settings: Settings) -> String {
    format!("{}", settings.debug)
}

fn main() {}
