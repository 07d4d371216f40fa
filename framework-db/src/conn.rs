//! A borrowed connection of either backend, to match on when an app supports both.

use framework_core::http::StatusCode;
use framework_core::{Error, Result};
use sqlx::postgres::PgConnection;
use sqlx::sqlite::SqliteConnection;

/// A connection of the app's database, borrowed from a [`Db`](crate::Db) or a
/// [`Tx`](crate::Tx). An app that runs on both databases matches on it and keeps a
/// `query!` for each (the placeholders differ: `?` and `$1`):
///
/// ```
/// use framework_db::{Conn, Db};
///
/// async fn count_users(db: &mut Db) -> framework_core::Result<i64> {
///     let n = match db.conn() {
///         Conn::Sqlite(c) => sqlx::query_scalar("SELECT COUNT(*) FROM user").fetch_one(c).await?,
///         Conn::Postgres(c) => sqlx::query_scalar(r#"SELECT COUNT(*) FROM "user""#).fetch_one(c).await?,
///     };
///     Ok(n)
/// }
/// ```
#[derive(Debug)]
pub enum Conn<'a> {
    /// A SQLite connection.
    Sqlite(&'a mut SqliteConnection),
    /// A PostgreSQL connection.
    Postgres(&'a mut PgConnection),
}

impl<'a> Conn<'a> {
    /// The SQLite connection, or a 500 naming the database the app is configured with.
    pub fn sqlite(self) -> Result<&'a mut SqliteConnection> {
        match self {
            Conn::Sqlite(c) => Ok(c),
            Conn::Postgres(_) => Err(wrong_backend("SQLite", "PostgreSQL")),
        }
    }

    /// The PostgreSQL connection, or a 500 naming the database the app is configured
    /// with.
    pub fn postgres(self) -> Result<&'a mut PgConnection> {
        match self {
            Conn::Postgres(c) => Ok(c),
            Conn::Sqlite(_) => Err(wrong_backend("PostgreSQL", "SQLite")),
        }
    }
}

fn wrong_backend(wanted: &str, configured: &str) -> Error {
    Error::from_status(StatusCode::INTERNAL_SERVER_ERROR).with_message(format!(
        "this code needs a {wanted} database, but DATABASE_URL names a {configured} one"
    ))
}
