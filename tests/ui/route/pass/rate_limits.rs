// Every spelling of `rate_limit` on routes and blueprints.
#![forbid(unsafe_code)]
use framework_core::prelude::*;

#[route("/login", methods = [GET, POST], rate_limit("5/minute", methods = [POST]))]
async fn login() -> &'static str {
    "login"
}

#[get("/search", rate_limit = "10 per 5 minutes; 100/day")]
async fn search() -> &'static str {
    "search"
}

#[blueprint(prefix = "/api", rate_limit("100/minute", methods = [GET]))]
mod api {
    use super::*;

    #[get("/")]
    async fn index() -> &'static str {
        "api"
    }
}

fn main() {
    let _ = App::new()
        .register(routes![login, search])
        .blueprint(api::blueprint())
        .into_router()
        .unwrap();
}
