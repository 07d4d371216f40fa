//! `sqlite://PATH`: sessions in a SQLite file (created with its folder if missing),
//! its expired rows deleted by a task every [`SWEEP`].

use std::str::FromStr;
use std::time::Duration;

use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions_sqlx_store::SqliteStore;
use tower_sessions_sqlx_store::sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::error::SetupError;

/// How often expired sessions are deleted from a SQLite store.
pub const SWEEP: Duration = Duration::from_secs(10 * 60);

pub(super) async fn open(url: &str, path: &str) -> Result<SqliteStore, SetupError> {
    let unavailable = |reason: String| SetupError::StoreUnavailable {
        store: url.to_owned(),
        reason,
    };
    if path.is_empty() {
        return Err(SetupError::StoreUrl(format!(
            "SESSION_STORE {url:?} names no file: write `sqlite://PATH`, e.g. `sqlite://instance/sessions.sqlite`"
        )));
    }
    if let Some(folder) = std::path::Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(folder)
            .map_err(|e| unavailable(format!("cannot create {}: {e}", folder.display())))?;
    }
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
        .map_err(|e| unavailable(e.to_string()))?
        .create_if_missing(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .map_err(|e| unavailable(e.to_string()))?;
    let store = SqliteStore::new(pool);
    store
        .migrate()
        .await
        .map_err(|e| unavailable(format!("cannot create the sessions table: {e}")))?;
    // tower-sessions' `delete_expired`, once now and then every SWEEP for as long
    // as the runtime runs; a loop of our own because its `continuously_delete_expired`
    // stops at the first error (a locked database), and a failed sweep should only
    // wait for the next.
    let sweeper = store.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(SWEEP);
        loop {
            every.tick().await;
            if let Err(error) = sweeper.delete_expired().await {
                tracing::warn!(%error, "cannot delete the expired sessions");
            }
        }
    });
    Ok(store)
}
