//! `Db`: a pooled connection for one request.

use framework_core::axum::extract::FromRequestParts;
use framework_core::http::StatusCode;
use framework_core::http::request::Parts;
use framework_core::{Error, Result};
use sqlx::pool::PoolConnection;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::SqliteConnection;
use sqlx::{Postgres, Sqlite};

use crate::Database;
use crate::conn::Conn;

/// A connection from the app's pool, for one request (Flask's `get_db()`), returned
/// to the pool when dropped. Each statement commits on its own; use [`Tx`](crate::Tx)
/// to group them.
///
/// Taking one waits at most `DATABASE_ACQUIRE_TIMEOUT`; a database that is down
/// answers 503 (and logs a warning), and the next request tries again.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_db::Db;
///
/// #[get("/users/count")]
/// async fn count(mut db: Db) -> Result<String> {
///     let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM user")
///         .fetch_one(db.sqlite()?)
///         .await?;
///     Ok(n.to_string())
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![count]);
/// ```
#[derive(Debug)]
pub enum Db {
    /// A SQLite connection.
    Sqlite(PoolConnection<Sqlite>),
    /// A PostgreSQL connection.
    Postgres(PoolConnection<Postgres>),
}

impl Db {
    /// The connection, to match on when the app supports both databases.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Db::Sqlite(c) => Conn::Sqlite(c),
            Db::Postgres(c) => Conn::Postgres(c),
        }
    }

    /// The SQLite connection (for `fetch_one(db.sqlite()?)`), or a 500 when the app
    /// is configured for PostgreSQL.
    pub fn sqlite(&mut self) -> Result<&mut SqliteConnection> {
        self.conn().sqlite()
    }

    /// The PostgreSQL connection, or a 500 when the app is configured for SQLite.
    pub fn postgres(&mut self) -> Result<&mut PgConnection> {
        self.conn().postgres()
    }
}

/// The app's [`Database`], or a 500 saying how to install it.
pub(crate) fn database(parts: &Parts) -> Result<&Database> {
    parts.extensions.get::<Database>().ok_or_else(|| {
        Error::from_status(StatusCode::INTERNAL_SERVER_ERROR)
            .with_message("no database: install one with framework_db::install(app, database)")
    })
}

impl<S: Send + Sync> FromRequestParts<S> for Db {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        database(parts)?.acquire().await
    }
}
