//! Flaskr's queries on SQLite.

// ANCHOR: uses
use sqlx::SqliteConnection;

use super::{Login, Post};
use crate::user::User;
// ANCHOR_END: uses

pub async fn user(c: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<User>> {
    sqlx::query_as!(
        User,
        r#"SELECT id AS "id!", username FROM user WHERE id = ?"#,
        id
    )
    .fetch_optional(c)
    .await
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
