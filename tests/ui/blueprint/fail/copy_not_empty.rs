// A copy holds nothing of its own: its routes are the original's.
#[framework_core::blueprint(prefix = "/api")]
mod api {
    use framework_core::prelude::*;

    #[get("/")]
    async fn index() -> &'static str {
        "index"
    }
}

#[framework_core::blueprint(of = api, prefix = "/v2")]
mod api_v2 {
    use framework_core::prelude::*;

    #[get("/extra")]
    async fn extra() -> &'static str {
        "extra"
    }
}

fn main() {}
