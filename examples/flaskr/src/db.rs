//! The SQLite database (Flask's `db.py`): one connection per request to the file named
//! by `FLASKR_DATABASE` (default `instance/flaskr.sqlite`), and `init-db`.

use std::path::{Path, PathBuf};

use framework_core::axum::extract::FromRequestParts;
use framework_core::http::request::Parts;
use framework_core::prelude::*;
use rusqlite::Connection;

/// Where the database file is, shared with every request.
#[derive(Clone, Debug)]
pub struct DbPath(pub PathBuf);

impl DbPath {
    /// `FLASKR_DATABASE`, or `instance/flaskr.sqlite`.
    pub fn from_env() -> Self {
        DbPath(
            std::env::var_os("FLASKR_DATABASE")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("instance/flaskr.sqlite")),
        )
    }
}

/// A connection for this request (Flask's `get_db()`); rows written by another
/// process are seen on the next request.
pub struct Db(pub Connection);

pub fn open(path: &Path) -> Result<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(std::time::Duration::from_secs(5))?;
    connection.execute_batch("PRAGMA foreign_keys = ON;")?;
    Ok(connection)
}

// ANCHOR: db
impl<S: Send + Sync> FromRequestParts<S> for Db {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Some(DbPath(path)) = parts.extensions.get::<DbPath>() else {
            return Err(
                abort(StatusCode::INTERNAL_SERVER_ERROR).with_message("no database configured")
            );
        };
        Ok(Db(open(path)?))
    }
}
// ANCHOR_END: db

/// Drops and recreates the tables (Flask's `init_db`); creates the folder if missing.
pub fn init_db(path: &Path) -> Result<()> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    open(path)?.execute_batch(include_str!("schema.sql"))?;
    Ok(())
}
