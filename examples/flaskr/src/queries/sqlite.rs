//! Flaskr's queries on SQLite.

// ANCHOR: uses
use sqlx::SqliteConnection;

use super::{Login, Post};
use crate::user::User;
// ANCHOR_END: uses

pub async fn user(c: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<User>> {
    let row = sqlx::query!(
        r#"SELECT id AS "id!", username, admin AS "admin: bool" FROM user WHERE id = ?"#,
        id
    )
    .fetch_optional(c)
    .await?;
    Ok(row.map(|r| User::new(r.id, r.username, r.admin)))
}

pub async fn login(c: &mut SqliteConnection, username: &str) -> sqlx::Result<Option<Login>> {
    sqlx::query_as!(
        Login,
        r#"SELECT id AS "id!", password FROM user WHERE username = ?"#,
        username
    )
    .fetch_optional(c)
    .await
}

pub async fn insert_user(
    c: &mut SqliteConnection,
    username: &str,
    password: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO user (username, password) VALUES (?, ?)",
        username,
        password
    )
    .execute(c)
    .await?;
    Ok(())
}

/// The user a provider's subject signed in as before, if any.
pub async fn identity_user(
    c: &mut SqliteConnection,
    provider: &str,
    subject: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        r#"SELECT user_id AS "user_id!" FROM identity WHERE provider = ? AND subject = ?"#,
        provider,
        subject
    )
    .fetch_optional(c)
    .await
}

/// A new user for a provider's subject, with a password hash that matches no
/// password (`!`), and the identity that links them, together.
pub async fn insert_identity_user(
    c: &mut SqliteConnection,
    username: &str,
    provider: &str,
    subject: &str,
) -> sqlx::Result<i64> {
    let mut tx = sqlx::Connection::begin(c).await?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO user (username, password) VALUES (?, '!') RETURNING id AS "id!""#,
        username
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO identity (provider, subject, user_id) VALUES (?, ?, ?)",
        provider,
        subject,
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

// ANCHOR: posts
pub async fn posts(c: &mut SqliteConnection) -> sqlx::Result<Vec<Post>> {
    sqlx::query_as!(
        Post,
        r#"SELECT p.id AS "id!", title, body, created AS "created!: String", author_id, username
           FROM post p JOIN user u ON p.author_id = u.id
           ORDER BY created DESC, p.id DESC"#
    )
    .fetch_all(c)
    .await
}
// ANCHOR_END: posts

pub async fn post(c: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<Post>> {
    sqlx::query_as!(
        Post,
        r#"SELECT p.id AS "id!", title, body, created AS "created!: String", author_id, username
           FROM post p JOIN user u ON p.author_id = u.id
           WHERE p.id = ?"#,
        id
    )
    .fetch_optional(c)
    .await
}

pub async fn insert_post(
    c: &mut SqliteConnection,
    title: &str,
    body: &str,
    author: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO post (title, body, author_id) VALUES (?, ?, ?)",
        title,
        body,
        author
    )
    .execute(c)
    .await?;
    Ok(())
}

pub async fn update_post(
    c: &mut SqliteConnection,
    id: i64,
    title: &str,
    body: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE post SET title = ?, body = ? WHERE id = ?",
        title,
        body,
        id
    )
    .execute(c)
    .await?;
    Ok(())
}

pub async fn delete_post(c: &mut SqliteConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM post WHERE id = ?", id)
        .execute(c)
        .await?;
    Ok(())
}
