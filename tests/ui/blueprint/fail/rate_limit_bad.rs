// A blueprint's rate limit that does not parse.
use framework_core::prelude::*;

#[blueprint(prefix = "/api", rate_limit = "100/0 minutes")]
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
