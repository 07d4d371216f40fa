//! Error handlers by status and by type, the blueprint's before the app's; `abort`;
//! panics and unknown routes reach them too.

use framework_core::prelude::*;

use framework_core::testing::TestClient;

#[derive(Debug, thiserror::Error)]
#[error("no such thing: {0}")]
pub struct NoSuchThing(String);

#[derive(Debug, thiserror::Error)]
#[error("database is down")]
pub struct DbDown;

#[get("/thing/<name>")]
async fn thing(name: String) -> Result<String> {
    if name == "missing" {
        return Err(NoSuchThing(name).into());
    }
    if name == "db" {
        return Err(DbDown.into());
    }
    if name == "gone" {
        return Err(abort(StatusCode::GONE));
    }
    Ok(format!("thing {name}"))
}

#[get("/crash")]
async fn crash() -> &'static str {
    panic!("crash")
}

#[errorhandler(404)]
async fn not_found(uri: http::Uri) -> (StatusCode, String) {
    (StatusCode::NOT_FOUND, format!("app 404 for {}", uri.path()))
}

#[errorhandler(405)]
async fn not_allowed() -> (StatusCode, &'static str) {
    (StatusCode::METHOD_NOT_ALLOWED, "app 405")
}

#[errorhandler(500)]
async fn server_error(error: Error) -> (StatusCode, String) {
    let kind = if error.is::<DbDown>() { "db" } else { "other" };
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("app 500 ({kind})"),
    )
}

#[errorhandler(NoSuchThing)]
async fn no_such_thing(error: NoSuchThing) -> (StatusCode, String) {
    (StatusCode::NOT_FOUND, format!("handled: {error}"))
}

#[blueprint(prefix = "/bp")]
mod bp {
    use framework_core::prelude::*;

    #[errorhandler(404)]
    async fn bp_not_found() -> (StatusCode, &'static str) {
        (StatusCode::NOT_FOUND, "blueprint 404")
    }

    #[get("/missing")]
    async fn missing() -> Result<&'static str> {
        Err(abort(StatusCode::NOT_FOUND))
    }

    #[get("/forbidden")]
    async fn forbidden() -> Result<&'static str> {
        Err(abort(StatusCode::FORBIDDEN).with_message("not yours"))
    }
}

fn app() -> App {
    App::new()
        .register(routes![
            thing,
            crash,
            not_found,
            not_allowed,
            server_error,
            no_such_thing
        ])
        .blueprint(bp::blueprint())
}

#[tokio::test]
async fn status_handler_answers_unknown_paths() {
    let res = TestClient::new(app()).get("/nowhere").send().await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.text(), "app 404 for /nowhere");
}

#[tokio::test]
async fn status_handler_answers_wrong_methods() {
    let res = TestClient::new(app())
        .request(http::Method::POST, "/crash")
        .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.text(), "app 405");
}

#[tokio::test]
async fn typed_handler_gets_the_error_value() {
    let res = TestClient::new(app()).get("/thing/missing").send().await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.text(), "handled: no such thing: missing");
}

#[tokio::test]
async fn an_error_without_a_typed_handler_is_a_500_for_the_500_handler() {
    let res = TestClient::new(app()).get("/thing/db").send().await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.text(), "app 500 (db)");
}

#[tokio::test]
async fn abort_without_a_handler_gives_the_default_page() {
    let res = TestClient::new(app()).get("/thing/gone").send().await;
    assert_eq!(res.status(), StatusCode::GONE);
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(
        res.text().contains("<title>410 Gone</title>"),
        "{}",
        res.text()
    );
}

#[tokio::test]
async fn a_panic_reaches_the_500_handler() {
    let res = TestClient::new(app()).get("/crash").send().await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.text(), "app 500 (other)");
}

#[tokio::test]
async fn blueprint_handler_comes_before_the_apps() {
    let c = TestClient::new(app());
    assert_eq!(c.get("/bp/missing").send().await.text(), "blueprint 404");
    // Unknown paths under the prefix are the app's: no blueprint matched them.
    assert_eq!(
        c.get("/bp/nowhere").send().await.text(),
        "app 404 for /bp/nowhere"
    );
}

#[tokio::test]
async fn abort_message_is_shown_by_the_default_page() {
    let res = TestClient::new(app()).get("/bp/forbidden").send().await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().contains("<h1>Forbidden</h1>"), "{}", res.text());
    assert!(res.text().contains("<p>not yours</p>"), "{}", res.text());
}

#[tokio::test]
async fn the_app_still_serves_after_errors() {
    let c = TestClient::new(app());
    let _ = c.get("/crash").send().await;
    assert_eq!(c.get("/thing/ok").send().await.text(), "thing ok");
}
