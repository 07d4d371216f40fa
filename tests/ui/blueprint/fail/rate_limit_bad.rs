// A blueprint's rate limit that does not parse, and one for a method no HTTP request
// has (the help lists them).
use framework_core::prelude::*;

#[blueprint(prefix = "/api", rate_limit = "100/0 minutes")]
mod api {
    use super::*;

    #[get("/")]
    async fn index() -> &'static str {
        "api"
    }
}

#[blueprint(prefix = "/search", rate_limit("100/minute", methods = [SEND]))]
mod search {
    use super::*;

    #[get("/")]
    async fn index() -> &'static str {
        "search"
    }
}

fn main() {
    let _ = App::new()
        .blueprint(api::blueprint())
        .blueprint(search::blueprint());
}
