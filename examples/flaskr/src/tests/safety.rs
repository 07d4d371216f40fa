//! What the port promises besides Flask's tests: methods and missing fields, CSRF on
//! every form, escaping, cookies that do not verify, static files, the order of checks.

use super::*;

#[tokio::test]
async fn methods_paths_and_missing_fields() {
    let app = flaskr("http").await;
    let response = app.client.get("/1/delete").await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.header("allow"), Some("POST, OPTIONS"));
    assert_eq!(
        app.client.get("/nowhere").await.status(),
        StatusCode::NOT_FOUND
    );
    app.login("test", "test").await;
    let missing = app.post("/create", &[("title", "no body field")]).await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn forms_need_their_csrf_token() {
    let app = flaskr("csrf").await;
    app.login("test", "test").await;
    let forged = app
        .client
        .post("/create")
        .form(&[("title", "x"), ("body", "y")])
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    // One token for the whole session: a token from another page is accepted.
    let token = token(&app.client.get("/1/update").await.text());
    let response = app
        .client
        .post("/create")
        .form(&[
            ("csrf_token", token.as_str()),
            ("title", "x"),
            ("body", "y"),
        ])
        .await;
    assert_eq!(response.location(), Some("/"));
}

#[tokio::test]
async fn user_data_is_escaped() {
    let app = flaskr("escape").await;
    app.login("test", "test").await;
    app.post(
        "/create",
        &[("title", "<script>alert(1)</script>"), ("body", "<b>b</b>")],
    )
    .await;
    let page = app.client.get("/").await.text();
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "{page}"
    );
}

#[tokio::test]
async fn an_edited_or_foreign_cookie_logs_the_visitor_out() {
    let app = flaskr("cookie").await;
    app.login("test", "test").await;
    let cookie = app.client.cookie("session").unwrap();
    let mut edited = cookie.clone();
    let last = edited.pop().unwrap();
    edited.push(if last == 'A' { 'B' } else { 'A' });
    app.client.set_cookie("session", &edited);
    assert!(app.client.get("/").await.text().contains("Log In"));
    let foreign = framework_sessions::KeyRing::new("another key", [])
        .sign("session", cookie.get(43..).unwrap());
    app.client.set_cookie("session", &foreign);
    assert!(app.client.get("/").await.text().contains("Log In"));
}

#[tokio::test]
async fn the_stylesheet_is_served() {
    let app = flaskr("static").await;
    let css = app.client.get("/static/style.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.text().contains("white-space: pre-line"));
}

#[tokio::test]
async fn checks_run_in_flasks_order() {
    let app = flaskr("order").await;
    app.login("test", "test").await;
    // A missing field on a post that does not exist: the 404 comes first.
    let missing_post = app.post("/2/update", &[("title", "no body")]).await;
    assert_eq!(missing_post.status(), StatusCode::NOT_FOUND);
    // On someone else's post: the 403 comes first.
    app.execute("UPDATE post SET author_id = 2 WHERE id = 1")
        .await;
    let not_yours = app.post("/1/update", &[("title", "no body")]).await;
    assert_eq!(not_yours.status(), StatusCode::FORBIDDEN);
    // On one's own post, the form is checked: a missing field is a 400.
    app.execute("UPDATE post SET author_id = 1 WHERE id = 1")
        .await;
    let bad_form = app.post("/1/update", &[("title", "no body")]).await;
    assert_eq!(bad_form.status(), StatusCode::BAD_REQUEST);
}
