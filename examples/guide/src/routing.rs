//! Chapter 2: routing.

// ANCHOR: basics
// ANCHOR: uses
use framework_core::prelude::*;
// ANCHOR_END: uses

/// `GET /` (and `HEAD /`).
#[get("/")]
pub async fn index() -> &'static str {
    "Index Page"
}

/// A parameter binds to the argument of the same name; its type decides parsing.
/// `/post/abc` is a 404, as `<int:post_id>` is in Flask.
#[get("/post/<post_id>")]
pub async fn show_post(post_id: u32) -> String {
    format!("Post {post_id}")
}

/// `<path:subpath>` takes the rest of the path, slashes included.
#[get("/path/<path:subpath>")]
pub async fn show_subpath(subpath: String) -> String {
    format!("Subpath {subpath}")
}
// ANCHOR_END: basics

// ANCHOR: methods
/// Several methods on one function, as in Flask's quickstart.
#[route("/login", methods = [GET, POST])]
pub async fn login(method: Method) -> &'static str {
    if method == Method::POST {
        "do the login"
    } else {
        "show the login form"
    }
}

#[derive(Deserialize)]
pub struct Signup {
    pub username: String,
}

/// Arguments that are not path parameters are axum extractors; one that reads the
/// body (`Form`, `Json`) comes last.
#[post("/signup")]
pub async fn signup(Form(signup): Form<Signup>) -> String {
    format!("welcome, {}", signup.username)
}
// ANCHOR_END: methods

// ANCHOR: slashes
/// Declared with a trailing slash, like a folder: `/projects` redirects (308) here.
#[get("/projects/")]
pub async fn projects() -> &'static str {
    "The project page"
}

/// `strict_slashes = false`: `/about` and `/about/` both answer, no redirect.
#[get("/about", strict_slashes = false)]
pub async fn about() -> &'static str {
    "The about page"
}
// ANCHOR_END: slashes

// ANCHOR: rules
/// Two rules, one view (Flask's stacked `@app.route`): `/users` lists page 1, from
/// its `defaults`, and `/users/page/<page>` any page. The endpoint is `users`.
#[get("/users", defaults = { page = 1 })]
#[get("/users/page/<page>")]
pub async fn users(page: u32) -> String {
    format!("Users, page {page}")
}

/// `url_for!` builds the rule whose parameters are exactly the ones named.
pub fn user_links() -> [Url; 2] {
    [url_for!(users), url_for!(users, page = 2)]
}
// ANCHOR_END: rules

// ANCHOR: urls
/// Links are built from the route, checked at compile time: a wrong name, a missing
/// or extra parameter, or a value of the wrong type does not build.
pub fn links() -> Vec<Url> {
    vec![
        index::url(),
        show_post::url(7),
        url_for!(show_post, post_id = 7),
        url_for!(show_subpath, subpath = "a b/c.txt"),
        url_for!(login).query("next", "/"),
        url_for!(show_post, post_id = 7, _anchor = "comments"),
    ]
}

/// An absolute URL (Flask's `_external=True`): on the app's `SERVER_NAME`, or the
/// request's own host and scheme.
#[get("/share/<post_id>")]
pub async fn share(post_id: u32, base: framework_core::url::UrlBase) -> String {
    url_for!(show_post, post_id = post_id, _external = base).to_string()
}
// ANCHOR_END: urls

// ANCHOR: app
pub fn app() -> App {
    App::new().register(routes![
        index,
        show_post,
        show_subpath,
        login,
        signup,
        projects,
        about,
        share,
        users
    ])
}
// ANCHOR_END: app
