// A nested blueprint's name already gets its parent's in front.
#[framework_core::blueprint(prefix = "/admin")]
mod admin {
    #[framework_core::blueprint(name = "admin.users", prefix = "/users")]
    mod users {
        use framework_core::prelude::*;

        #[get("/")]
        async fn list() -> &'static str {
            "users"
        }
    }
}

fn main() {}
