//! `init-db` on a database that already has data.

use super::*;

#[tokio::test]
async fn init_db_clears_a_database_with_posts() {
    init_db_clears_a_database_with_posts_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn init_db_clears_a_database_with_posts_on_postgres() {
    init_db_clears_a_database_with_posts_on(Backend::Postgres).await;
}

async fn init_db_clears_a_database_with_posts_on(backend: Backend) {
    let app = flaskr_on("init-db", backend).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM post").await, 1);
    // Twice, as a person would: the posts refer to the users, and that must not stop it.
    for _ in 0..2 {
        init_db(&app.database).await.unwrap();
        assert_eq!(app.count("SELECT COUNT(*) FROM post").await, 0);
        assert_eq!(app.count(r#"SELECT COUNT(*) FROM "user""#).await, 0);
        execute(
            &app.database,
            r#"INSERT INTO "user" (username, password) VALUES ('a', 'x')"#,
        )
        .await;
        execute(
            &app.database,
            "INSERT INTO post (title, body, author_id) VALUES ('t', 'b', 1)",
        )
        .await;
    }
    // The app works on the new tables (ids start again at 1).
    let page = app.client.get("/").await.text();
    assert!(page.contains("<h1>t</h1>"), "{page}");
}
