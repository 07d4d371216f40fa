//! Chapter 3: blueprints.

// ANCHOR: blueprint
use framework_core::prelude::*;

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
}
// ANCHOR_END: blueprint
