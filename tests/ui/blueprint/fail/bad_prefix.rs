// A prefix is a path without parameters.
use framework_core::prelude::*;

#[blueprint(prefix = "/users/<id>")]
mod users {}

#[blueprint(prefix = "auth")]
mod auth {}

// One error for the prefix, none for each route under it.
#[blueprint(prefix = "/shop/<id>")]
mod shop {
    use framework_core::prelude::*;

    #[get("/")]
    async fn index() -> &'static str {
        "shop"
    }
}

fn main() {}
