// A rate limit whose unit is not one: the error points at the string.
use framework_core::prelude::*;

#[route("/login", methods = [GET, POST], rate_limit = "5/minit")]
async fn login() -> &'static str {
    "login"
}

#[get("/search", rate_limit = "five per hour")]
async fn search() -> &'static str {
    "search"
}

fn main() {
    let _ = App::new().register(routes![login, search]);
}
