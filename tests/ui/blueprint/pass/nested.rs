// Blueprints nest: `admin.users` under `/admin/users`, links checked at build time.
#![forbid(unsafe_code)]
use framework_core::prelude::*;

#[blueprint(prefix = "/admin")]
mod admin {
    use framework_core::prelude::*;

    #[get("/")]
    async fn index() -> String {
        url_for!(users::list).to_string()
    }

    #[blueprint(prefix = "/users")]
    pub mod users {
        use framework_core::prelude::*;

        #[before_request]
        async fn only_admins(headers: HeaderMap) -> Option<StatusCode> {
            (!headers.contains_key("x-admin")).then_some(StatusCode::FORBIDDEN)
        }

        #[get("/")]
        pub async fn list() -> &'static str {
            "users"
        }
    }
}

fn main() {
    let _ = App::new().blueprint(admin::blueprint());
    let _ = url_for!(admin::users::list);
}
