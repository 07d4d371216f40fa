//! The blog (Flask's `tests/test_blog.py`): the index, authorship, create, update, delete.

use super::*;

#[tokio::test]
async fn index_shows_posts_and_edit_links_to_the_author() {
    index_shows_posts_and_edit_links_to_the_author_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn index_shows_posts_and_edit_links_to_the_author_on_postgres() {
    index_shows_posts_and_edit_links_to_the_author_on(Backend::Postgres).await;
}

async fn index_shows_posts_and_edit_links_to_the_author_on(backend: Backend) {
    let app = flaskr_on("index", backend).await;
    let page = app.client.get("/").await.text();
    assert!(page.contains("<title>Posts - Flaskr</title>"), "{page}");
    assert!(page.contains("Log In") && page.contains("Register"));
    assert!(
        !page.contains("href=\"/create\""),
        "no New link for visitors"
    );
    assert!(page.contains("<h1>test title</h1>"), "{page}");

    app.login("test", "test").await;
    let page = app.client.get("/").await.text();
    assert!(page.contains("Log Out"));
    assert!(page.contains("by test on 2018-01-01"), "{page}");
    assert!(page.contains("<p class=\"body\">test\nbody</p>"), "{page}");
    assert!(page.contains("href=\"/1/update\""), "{page}");
    assert!(page.contains("href=\"/create\">New"), "{page}");
}

#[tokio::test]
async fn login_is_required() {
    let app = flaskr("login-required").await;
    // As a browser posts them: with the session's CSRF token (the visitor has one
    // from any page with a form).
    for path in ["/create", "/1/update", "/1/delete"] {
        let response = app.post(path, &[("title", "t"), ("body", "b")]).await;
        assert_eq!(response.location(), Some("/auth/login"), "{path}");
    }
    assert_eq!(
        app.client.get("/create").await.location(),
        Some("/auth/login")
    );
}

#[tokio::test]
async fn only_the_author_may_edit() {
    only_the_author_may_edit_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn only_the_author_may_edit_on_postgres() {
    only_the_author_may_edit_on(Backend::Postgres).await;
}

async fn only_the_author_may_edit_on(backend: Backend) {
    let app = flaskr_on("author", backend).await;
    app.execute("UPDATE post SET author_id = 2 WHERE id = 1")
        .await;
    app.login("test", "test").await;
    // The current user cannot change another user's post.
    assert_eq!(
        app.post("/1/update", &[("title", "x"), ("body", "")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.client.get("/1/update").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post("/1/delete", &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    // The current user does not see the edit link.
    assert!(
        !app.client
            .get("/")
            .await
            .text()
            .contains("href=\"/1/update\"")
    );
}

#[tokio::test]
async fn the_post_must_exist() {
    let app = flaskr("exists").await;
    app.login("test", "test").await;
    let response = app.client.get("/2/update").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response.text().contains("Post id 2 doesn&#39;t exist."),
        "{}",
        response.text()
    );
    assert_eq!(
        app.post("/2/delete", &[]).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn create() {
    create_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn create_on_postgres() {
    create_on(Backend::Postgres).await;
}

async fn create_on(backend: Backend) {
    let app = flaskr_on("create", backend).await;
    app.login("test", "test").await;
    let page = app.client.get("/create").await.text();
    assert!(page.contains("<title>New Post - Flaskr</title>"), "{page}");
    let response = app
        .post("/create", &[("title", "created"), ("body", "")])
        .await;
    assert_eq!(response.location(), Some("/"));
    assert_eq!(app.count("SELECT COUNT(id) FROM post").await, 2);
}

#[tokio::test]
async fn update() {
    update_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn update_on_postgres() {
    update_on(Backend::Postgres).await;
}

async fn update_on(backend: Backend) {
    let app = flaskr_on("update", backend).await;
    app.login("test", "test").await;
    let page = app.client.get("/1/update").await.text();
    assert!(
        page.contains("<title>Edit \"test title\" - Flaskr</title>"),
        "{page}"
    );
    let response = app
        .post("/1/update", &[("title", "updated"), ("body", "")])
        .await;
    assert_eq!(response.location(), Some("/"));
    let title: String = app.scalar("SELECT title FROM post WHERE id = 1").await;
    assert_eq!(title, "updated");
}

#[tokio::test]
async fn create_and_update_validate_the_title() {
    let app = flaskr("validate").await;
    app.login("test", "test").await;
    for path in ["/create", "/1/update"] {
        let response = app.post(path, &[("title", ""), ("body", "kept")]).await;
        assert_eq!(response.status(), StatusCode::OK);
        let page = response.text();
        assert!(
            page.contains("<div class=\"flash\">Title is required.</div>"),
            "{page}"
        );
        assert!(page.contains(">kept</textarea>"), "re-filled: {page}");
    }
}

#[tokio::test]
async fn delete() {
    delete_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn delete_on_postgres() {
    delete_on(Backend::Postgres).await;
}

async fn delete_on(backend: Backend) {
    let app = flaskr_on("delete", backend).await;
    app.login("test", "test").await;
    let response = app.post("/1/delete", &[]).await;
    assert_eq!(response.location(), Some("/"));
    assert_eq!(app.count("SELECT COUNT(id) FROM post").await, 0);
}
