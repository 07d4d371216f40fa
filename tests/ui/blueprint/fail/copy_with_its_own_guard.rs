// A copy of a blueprint has the original's guard and rate limits: neither can be
// given to the copy.
use framework_core::prelude::*;

#[blueprint(prefix = "/api")]
mod api {
    use super::*;

    #[get("/")]
    async fn index() -> &'static str {
        "index"
    }
}

struct Admin;

#[blueprint(of = api, prefix = "/admin-api", requires = Admin)]
mod admin_api {}

#[blueprint(of = api, prefix = "/slow-api", rate_limit = "5/minute")]
mod slow_api {}

fn main() {
    let _ = Admin;
}
