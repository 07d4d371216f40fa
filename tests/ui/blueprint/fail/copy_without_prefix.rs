// A copy of a blueprint needs its own prefix, or it would answer the original's URLs.
#[framework_core::blueprint(prefix = "/api")]
mod api {
    use framework_core::prelude::*;

    #[get("/")]
    async fn index() -> &'static str {
        "index"
    }
}

#[framework_core::blueprint(of = api, name = "api_v2")]
mod api_v2 {}

fn main() {}
