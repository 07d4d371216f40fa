// A query that names a column its table does not have fails the build, at the query.
// The schema is flaskr's (its migrations), in a SQLite file made by `ui.rs`; flaskr's
// own queries (`examples/flaskr/src/queries/sqlite.rs`) are the same spelt right.

struct Post {
    id: i64,
    title: String,
}

async fn posts(db: &mut sqlx::SqliteConnection) -> sqlx::Result<Vec<Post>> {
    sqlx::query_as!(Post, r#"SELECT id AS "id!", titel AS title FROM post"#)
        .fetch_all(db)
        .await
}

fn main() {
    let _ = posts;
}
