// `requires = []` names nothing to require: one error at the brackets, on a route,
// a blueprint and a hook.
include!("../common.rs");

#[get("/dashboard", requires = [])]
async fn dashboard() -> &'static str {
    "dashboard"
}

#[blueprint(prefix = "/admin", requires = [])]
mod admin {
    use super::*;

    #[get("/")]
    async fn index() -> &'static str {
        "admin"
    }
}

#[blueprint(prefix = "/reports")]
mod reports {
    use super::*;

    #[before_request(requires = [])]
    async fn guard() {}

    #[get("/")]
    async fn list() -> &'static str {
        "reports"
    }
}

fn main() {
    let _ = App::new()
        .register(routes![dashboard])
        .blueprint(admin::blueprint())
        .blueprint(reports::blueprint());
}
