//! Chapter 3: blueprints.

// ANCHOR: blueprint
// ANCHOR: uses
use framework_core::prelude::*;
// ANCHOR_END: uses

#[blueprint(prefix = "/auth")]
pub mod auth {
    use framework_core::prelude::*;

    /// Endpoint `auth.register`, URL `/auth/register`.
    #[route("/register", methods = [GET, POST])]
    pub async fn register() -> &'static str {
        "register"
    }

    #[get("/login")]
    pub async fn login() -> Html<String> {
        // Links to another blueprint's route, checked at compile time.
        Html(format!(
            "<a href=\"{}\">back to the posts</a>",
            url_for!(crate::blueprints::blog::index)
        ))
    }
}

#[blueprint(prefix = "/")]
pub mod blog {
    use framework_core::prelude::*;

    #[get("/")]
    pub async fn index() -> &'static str {
        "posts"
    }

    #[route("/<id>/update", methods = [GET, POST])]
    pub async fn update(id: i64) -> String {
        format!("update post {id}")
    }
}

pub fn app() -> App {
    App::new()
        .blueprint(auth::blueprint())
        .blueprint(blog::blueprint())
        .blueprint(admin::blueprint())
}
// ANCHOR_END: blueprint

// ANCHOR: nested
/// `admin`, with `admin.users` nested in it under `/admin/users`.
#[blueprint(prefix = "/admin")]
pub mod admin {
    use framework_core::prelude::*;

    /// Runs for every route of `admin` and of the blueprints nested in it.
    #[before_request]
    pub async fn only_admins(headers: HeaderMap) -> Option<StatusCode> {
        (headers.get("x-role").map(|v| v.as_bytes()) != Some(b"admin"))
            .then_some(StatusCode::FORBIDDEN)
    }

    #[get("/")]
    pub async fn dashboard() -> Html<String> {
        Html(format!("<a href=\"{}\">users</a>", url_for!(users::list)))
    }

    /// Endpoint `admin.users.list`, URL `/admin/users/`.
    #[blueprint(prefix = "/users")]
    pub mod users {
        use framework_core::prelude::*;

        #[get("/")]
        pub async fn list() -> &'static str {
            "every user"
        }
    }
}
// ANCHOR_END: nested

// ANCHOR: static
/// `admin` with its own files, served under `/admin/static` (its prefix, then the
/// URL path); its templates are askama's, in `templates/admin/` of the crate.
pub fn admin_with_files() -> Blueprint {
    admin::blueprint()
        .static_folder(concat!(env!("CARGO_MANIFEST_DIR"), "/blueprint-static"))
        .static_url_path("/static")
}
// ANCHOR_END: static

// ANCHOR: copy
/// `auth` a second time, as `account` under `/account`: the same routes, hooks and
/// error handlers, with endpoints `account.login`, … and typed links of its own.
#[blueprint(of = auth, name = "account", prefix = "/account")]
pub mod account {}

pub fn app_with_both() -> App {
    app().blueprint(account::blueprint())
}
// ANCHOR_END: copy
