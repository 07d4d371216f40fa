//! Every query of Flaskr, checked against the schema when the app is built: the
//! `query!` macros read what each query returns from `.sqlx/` (recorded by
//! `sqlx-prepare.sh` against real SQLite and PostgreSQL databases), so a misspelt
//! column or a wrong type fails the build, and the build needs no database.
//!
//! The two databases differ in placeholders (`?`, `$1`) and in quoting `"user"`, so
//! each query is written once per database, side by side in `sqlite.rs` and
//! `postgres.rs`; the functions here pick by the connection the request has, and
//! turn a database that is down into a 503.

#[cfg(not(flaskr_prepare = "postgres"))]
mod sqlite;

#[cfg(not(flaskr_prepare = "sqlite"))]
mod postgres;

// ANCHOR: uses
use framework_core::Result;
use framework_db::{Conn, db_error};

use crate::user::User;
// ANCHOR_END: uses

/// A post with its author's name (Flask's `get_post` row).
pub struct Post {
    pub id: i64,
    pub title: String,
    pub body: String,
    /// `YYYY-MM-DD HH:MM:SS`, as SQLite stores it.
    pub created: String,
    pub author_id: i64,
    pub username: String,
}

impl Post {
    /// `YYYY-MM-DD` of the creation time.
    pub fn created_date(&self) -> &str {
        self.created.get(..10).unwrap_or(&self.created)
    }
}

/// A user's id and password hash, by name (for logging in).
pub struct Login {
    pub id: i64,
    pub password: String,
}

/// Calls the function of that name in the module of the connection's database.
macro_rules! on_database {
    ($conn:expr, $function:ident($($arg:expr),*)) => {{
        let result: sqlx::Result<_> = match $conn {
            #[cfg(not(flaskr_prepare = "postgres"))]
            Conn::Sqlite(c) => sqlite::$function(c, $($arg),*).await,
            #[cfg(not(flaskr_prepare = "sqlite"))]
            Conn::Postgres(c) => postgres::$function(c, $($arg),*).await,
            // While recording one database's queries, the other's are not compiled.
            #[cfg(any(flaskr_prepare = "sqlite", flaskr_prepare = "postgres"))]
            _ => Err(sqlx::Error::Protocol("built for one database only".into())),
        };
        result.map_err(db_error)
    }};
}

pub async fn user(conn: Conn<'_>, id: i64) -> Result<Option<User>> {
    on_database!(conn, user(id))
}

pub async fn login(conn: Conn<'_>, username: &str) -> Result<Option<Login>> {
    on_database!(conn, login(username))
}

/// Adds a user; `false` when the name is taken.
pub async fn insert_user(conn: Conn<'_>, username: &str, password: &str) -> Result<bool> {
    let result: sqlx::Result<()> = match conn {
        #[cfg(not(flaskr_prepare = "postgres"))]
        Conn::Sqlite(c) => sqlite::insert_user(c, username, password).await,
        #[cfg(not(flaskr_prepare = "sqlite"))]
        Conn::Postgres(c) => postgres::insert_user(c, username, password).await,
        #[cfg(any(flaskr_prepare = "sqlite", flaskr_prepare = "postgres"))]
        _ => Ok(()),
    };
    match result {
        Ok(()) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(other) => Err(db_error(other)),
    }
}

/// The user a provider's subject signed in as before, if any.
pub async fn identity_user(conn: Conn<'_>, provider: &str, subject: &str) -> Result<Option<i64>> {
    on_database!(conn, identity_user(provider, subject))
}

/// A new user linked to a provider's subject; `None` when the name is taken.
pub async fn insert_identity_user(
    conn: Conn<'_>,
    username: &str,
    provider: &str,
    subject: &str,
) -> Result<Option<i64>> {
    let result: sqlx::Result<i64> = match conn {
        #[cfg(not(flaskr_prepare = "postgres"))]
        Conn::Sqlite(c) => sqlite::insert_identity_user(c, username, provider, subject).await,
        #[cfg(not(flaskr_prepare = "sqlite"))]
        Conn::Postgres(c) => postgres::insert_identity_user(c, username, provider, subject).await,
        #[cfg(any(flaskr_prepare = "sqlite", flaskr_prepare = "postgres"))]
        _ => Ok(0),
    };
    match result {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(other) => Err(db_error(other)),
    }
}

// ANCHOR: posts
pub async fn posts(conn: Conn<'_>) -> Result<Vec<Post>> {
    on_database!(conn, posts())
}
// ANCHOR_END: posts

pub async fn post(conn: Conn<'_>, id: i64) -> Result<Option<Post>> {
    on_database!(conn, post(id))
}

pub async fn insert_post(conn: Conn<'_>, title: &str, body: &str, author: i64) -> Result<()> {
    on_database!(conn, insert_post(title, body, author))
}

pub async fn update_post(conn: Conn<'_>, id: i64, title: &str, body: &str) -> Result<()> {
    on_database!(conn, update_post(id, title, body))
}

pub async fn delete_post(conn: Conn<'_>, id: i64) -> Result<()> {
    on_database!(conn, delete_post(id))
}
