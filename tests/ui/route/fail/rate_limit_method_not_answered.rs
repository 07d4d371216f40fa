// A rate limit on a method the route does not answer.
use framework_core::prelude::*;

#[route("/login", methods = [GET, POST], rate_limit("5/minute", methods = [PUST]))]
async fn login() -> &'static str {
    "login"
}

fn main() {
    let _ = App::new().register(routes![login]);
}
