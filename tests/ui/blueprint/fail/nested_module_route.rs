// A route in a module nested inside a blueprint would not be registered: say so.
use framework_core::prelude::*;

#[blueprint(prefix = "/admin")]
mod admin {
    mod pages {
        use framework_core::prelude::*;

        #[get("/")]
        async fn dashboard() -> &'static str {
            "dashboard"
        }
    }
}

fn main() {}
