//! Flaskr's queries on PostgreSQL: `$1` placeholders, `"user"` quoted, and the
//! creation time formatted as SQLite stores it.

use sqlx::PgConnection;

use super::{Login, Post};
use crate::user::User;

pub async fn user(c: &mut PgConnection, id: i64) -> sqlx::Result<Option<User>> {
    let row = sqlx::query!(
        r#"SELECT id, username, admin FROM "user" WHERE id = $1"#,
        id
    )
    .fetch_optional(c)
    .await?;
    Ok(row.map(|r| User::new(r.id, r.username, r.admin)))
}

pub async fn login(c: &mut PgConnection, username: &str) -> sqlx::Result<Option<Login>> {
    sqlx::query_as!(
        Login,
        r#"SELECT id, password FROM "user" WHERE username = $1"#,
        username
    )
    .fetch_optional(c)
    .await
}

pub async fn insert_user(c: &mut PgConnection, username: &str, password: &str) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO "user" (username, password) VALUES ($1, $2)"#,
        username,
        password
    )
    .execute(c)
    .await?;
    Ok(())
}

/// The user a provider's subject signed in as before, if any.
pub async fn identity_user(
    c: &mut PgConnection,
    provider: &str,
    subject: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        r#"SELECT user_id AS "user_id!" FROM identity WHERE provider = $1 AND subject = $2"#,
        provider,
        subject
    )
    .fetch_optional(c)
    .await
}

/// A new user for a provider's subject, with a password hash that matches no
/// password (`!`), and the identity that links them, together.
pub async fn insert_identity_user(
    c: &mut PgConnection,
    username: &str,
    provider: &str,
    subject: &str,
) -> sqlx::Result<i64> {
    let mut tx = sqlx::Connection::begin(c).await?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO "user" (username, password) VALUES ($1, '!') RETURNING id AS "id!""#,
        username
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO identity (provider, subject, user_id) VALUES ($1, $2, $3)",
        provider,
        subject,
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn posts(c: &mut PgConnection) -> sqlx::Result<Vec<Post>> {
    sqlx::query_as!(
        Post,
        r#"SELECT p.id AS "id!", title AS "title!", body AS "body!",
                  to_char(created, 'YYYY-MM-DD HH24:MI:SS') AS "created!",
                  author_id AS "author_id!", username AS "username!"
           FROM post p JOIN "user" u ON p.author_id = u.id
           ORDER BY created DESC, p.id DESC"#
    )
    .fetch_all(c)
    .await
}

pub async fn post(c: &mut PgConnection, id: i64) -> sqlx::Result<Option<Post>> {
    sqlx::query_as!(
        Post,
        r#"SELECT p.id AS "id!", title AS "title!", body AS "body!",
                  to_char(created, 'YYYY-MM-DD HH24:MI:SS') AS "created!",
                  author_id AS "author_id!", username AS "username!"
           FROM post p JOIN "user" u ON p.author_id = u.id
           WHERE p.id = $1"#,
        id
    )
    .fetch_optional(c)
    .await
}

pub async fn insert_post(
    c: &mut PgConnection,
    title: &str,
    body: &str,
    author: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO post (title, body, author_id) VALUES ($1, $2, $3)",
        title,
        body,
        author
    )
    .execute(c)
    .await?;
    Ok(())
}

pub async fn update_post(
    c: &mut PgConnection,
    id: i64,
    title: &str,
    body: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE post SET title = $1, body = $2 WHERE id = $3",
        title,
        body,
        id
    )
    .execute(c)
    .await?;
    Ok(())
}

pub async fn delete_post(c: &mut PgConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM post WHERE id = $1", id)
        .execute(c)
        .await?;
    Ok(())
}
