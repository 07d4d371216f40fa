// The same query with the column spelt right builds.

struct Post {
    id: i64,
    title: String,
}

async fn posts(db: &mut sqlx::SqliteConnection) -> sqlx::Result<Vec<Post>> {
    sqlx::query_as!(Post, r#"SELECT id AS "id!", title FROM post"#)
        .fetch_all(db)
        .await
}

fn main() {
    let _ = posts;
}
