//! Routing: methods, HEAD, OPTIONS, 405, 404, typed parameters, the trailing-slash
//! redirect, URLs, and conflicts between blueprints.

use framework_core::app::BuildError;
use framework_core::prelude::*;
use http::Method;

use framework_core::testing::TestClient;

#[get("/hello")]
async fn hello() -> &'static str {
    "Hello, World!"
}

#[route("/submit", methods = [GET, POST])]
async fn submit(method: Method) -> String {
    format!("submit via {method}")
}

#[get("/users/<id>")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

#[get("/users/<id>/posts/<slug>")]
async fn user_post(slug: String, id: i64) -> String {
    format!("post {slug} of {id}")
}

#[get("/files/<path:rest>")]
async fn file(rest: String) -> String {
    format!("file {rest}")
}

#[get("/about/")]
async fn about() -> &'static str {
    "about"
}

#[get("/sync")]
fn sync_handler() -> &'static str {
    "no async needed"
}

fn app() -> App {
    App::new().register(routes![
        hello,
        submit,
        user,
        user_post,
        file,
        about,
        sync_handler
    ])
}

#[tokio::test]
async fn get_route_answers_get_and_head() {
    let c = TestClient::new(app());
    let res = c.get("/hello").send().await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "Hello, World!");

    let res = c.request(Method::HEAD, "/hello").send().await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "");
}

#[tokio::test]
async fn methods_list_is_honoured() {
    let c = TestClient::new(app());
    assert_eq!(c.get("/submit").send().await.text(), "submit via GET");
    let res = c.request(Method::POST, "/submit").send().await;
    assert_eq!(res.text(), "submit via POST");
}

#[tokio::test]
async fn wrong_method_is_405_with_allow() {
    let c = TestClient::new(app());
    let res = c.request(Method::DELETE, "/submit").send().await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("allow"), Some("GET, HEAD, POST, OPTIONS"));
}

#[tokio::test]
async fn options_answers_with_allow() {
    let c = TestClient::new(app());
    let res = c.request(Method::OPTIONS, "/hello").send().await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.header("allow"), Some("GET, HEAD, OPTIONS"));
}

#[tokio::test]
async fn unknown_path_is_404() {
    let res = TestClient::new(app()).get("/nowhere").send().await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn parameters_bind_by_name_and_type() {
    let c = TestClient::new(app());
    assert_eq!(c.get("/users/42").send().await.text(), "user 42");
    assert_eq!(
        c.get("/users/7/posts/hello%20world").send().await.text(),
        "post hello world of 7"
    );
    assert_eq!(
        c.get("/files/a/b/c.txt").send().await.text(),
        "file a/b/c.txt"
    );
}

#[tokio::test]
async fn a_parameter_that_does_not_parse_is_404() {
    let c = TestClient::new(app());
    assert_eq!(
        c.get("/users/abc").send().await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get("/users/-1").send().await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn sync_handlers_work() {
    assert_eq!(
        TestClient::new(app()).get("/sync").send().await.text(),
        "no async needed"
    );
}

#[tokio::test]
async fn trailing_slash_route_redirects_the_bare_path() {
    let c = TestClient::new(app());
    let res = c.get("/about?x=1").send().await;
    assert_eq!(res.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(res.header("location"), Some("/about/?x=1"));
    assert_eq!(c.get("/about/").send().await.text(), "about");
}

#[test]
fn urls_are_built_and_encoded() {
    assert_eq!(user::url(42).as_str(), "/users/42");
    assert_eq!(
        user_post::url(1, "a b/c").as_str(),
        "/users/1/posts/a%20b%2Fc"
    );
    assert_eq!(file::url("dir/a b.txt").as_str(), "/files/dir/a%20b.txt");
    assert_eq!(about::url().as_str(), "/about/");
    assert_eq!(
        url_for!(user_post, id = 3, slug = "x").as_str(),
        "/users/3/posts/x"
    );
    let slug = String::from("owned");
    assert_eq!(
        url_for!(user_post, id = &3, slug = &slug).as_str(),
        "/users/3/posts/owned"
    );
    assert_eq!(
        url_for!(hello).query("next", "/a?b").as_str(),
        "/hello?next=%2Fa%3Fb"
    );
    // Flask's `_anchor`; a query added later still goes before the fragment.
    assert_eq!(
        url_for!(user_post, id = 3, slug = "x", _anchor = "comment 2")
            .query("page", 2)
            .as_str(),
        "/users/3/posts/x?page=2#comment%202"
    );
}

#[tokio::test]
async fn the_router_is_a_tower_service() {
    use tower::ServiceExt;
    let router = app().into_router().unwrap();
    let request = http::Request::get("/hello")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[blueprint(prefix = "/a")]
mod first {
    use framework_core::prelude::*;

    #[get("/items/<id>")]
    async fn item(id: i64) -> String {
        format!("first {id}")
    }
}

#[blueprint(name = "second", prefix = "/a")]
mod second {
    use framework_core::prelude::*;

    #[get("/items/<item_id>")]
    async fn show(item_id: i64) -> String {
        format!("second {item_id}")
    }

    #[post("/items/<name>")]
    async fn rename(name: String) -> String {
        format!("renamed {name}")
    }
}

#[test]
fn conflicting_blueprints_are_an_error_naming_both_handlers() {
    let error = App::new()
        .blueprint(first::blueprint())
        .blueprint(second::blueprint())
        .into_router()
        .unwrap_err();
    let BuildError::Conflicts(conflicts) = &error else {
        panic!("expected a conflict, got {error}");
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].what, "GET /a/items/<_>");
    assert_eq!(conflicts[0].first.0, "first.item");
    assert_eq!(conflicts[0].second.0, "second.show");
    let message = error.to_string();
    assert!(message.contains("`first.item`"), "{message}");
    assert!(message.contains("`second.show`"), "{message}");
    assert!(message.contains("routing.rs:"), "{message}");
}

#[tokio::test]
async fn same_shape_with_other_methods_merges_across_blueprints() {
    #[blueprint(name = "third", prefix = "/a")]
    mod third {
        use framework_core::prelude::*;

        #[delete("/items/<key>")]
        async fn remove(key: i64) -> String {
            format!("removed {key}")
        }
    }
    let c = TestClient::new(
        App::new()
            .blueprint(first::blueprint())
            .blueprint(third::blueprint()),
    );
    assert_eq!(c.get("/a/items/5").send().await.text(), "first 5");
    assert_eq!(
        c.request(Method::DELETE, "/a/items/6").send().await.text(),
        "removed 6"
    );
    let res = c.request(Method::PUT, "/a/items/6").send().await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("allow"), Some("GET, HEAD, DELETE, OPTIONS"));
}

#[test]
fn a_blueprint_registered_twice_is_an_error() {
    let error = App::new()
        .blueprint(first::blueprint())
        .blueprint(first::blueprint())
        .into_router()
        .unwrap_err();
    assert_eq!(error, BuildError::DuplicateBlueprint("first"));
}

#[test]
fn blueprint_urls_include_the_prefix() {
    assert_eq!(first::item::url(9).as_str(), "/a/items/9");
    assert_eq!(url_for!(second::show, item_id = 2).as_str(), "/a/items/2");
}
