// A blueprint's limit for a method no HTTP request has: the help lists them.
use framework_core::prelude::*;

#[blueprint(prefix = "/api", rate_limit("100/minute", methods = [SEND]))]
mod api {
    use super::*;

    #[get("/")]
    async fn index() -> &'static str {
        "api"
    }
}

fn main() {
    let _ = App::new().blueprint(api::blueprint());
}
