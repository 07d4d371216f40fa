//! `Tx`: one transaction for the whole request, committed when the response is a
//! success and rolled back otherwise.
//!
//! The model, since an extractor cannot see how its handler ends: the database layer
//! (installed by [`install`](crate::install)) gives every request an empty slot.
//! `Tx` begins the transaction on first use and, when the handler (or hook) that
//! holds it returns, is dropped and puts the open transaction back into the slot.
//! After the response is built, the layer looks at it: a status below 400 commits, any
//! other status (an error, a handled error, a panic turned into a 500) rolls back. If
//! the request is cancelled, or the transaction is never handed back, sqlx rolls it
//! back when it is dropped. [`Tx::commit`] commits early, where the handler wants to
//! see a failed commit itself.

use std::sync::{Arc, Mutex, MutexGuard};

use framework_core::axum::extract::FromRequestParts;
use framework_core::http::StatusCode;
use framework_core::http::request::Parts;
use framework_core::{Error, Result};
use sqlx::postgres::PgConnection;
use sqlx::sqlite::SqliteConnection;
use sqlx::{Postgres, Sqlite, Transaction};

use crate::Database;
use crate::conn::Conn;
use crate::db::database;
use crate::error::db_error;

/// An open transaction of either backend.
pub(crate) enum Open {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Open {
    pub(crate) async fn begin(database: &Database) -> Result<Self> {
        Ok(match database {
            Database::Sqlite(pool) => Open::Sqlite(pool.begin().await.map_err(db_error)?),
            Database::Postgres(pool) => Open::Postgres(pool.begin().await.map_err(db_error)?),
        })
    }

    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Open::Sqlite(tx) => tx.commit().await,
            Open::Postgres(tx) => tx.commit().await,
        }
    }

    pub(crate) async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Open::Sqlite(tx) => tx.rollback().await,
            Open::Postgres(tx) => tx.rollback().await,
        }
    }
}

/// Where a request's transaction waits between the hooks and handlers that use it and
/// the layer that ends it.
#[derive(Clone, Default)]
pub(crate) struct TxSlot(Arc<Mutex<Option<Open>>>);

impl TxSlot {
    fn lock(&self) -> MutexGuard<'_, Option<Open>> {
        // A panic cannot happen while the lock is held; recover the value anyway.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn take(&self) -> Option<Open> {
        self.lock().take()
    }

    fn put(&self, open: Open) {
        // A second `Tx` of the same request finds the slot full: its transaction is
        // dropped, which rolls it back.
        let mut slot = self.lock();
        if slot.is_none() {
            *slot = Some(open);
        }
    }
}

/// The request's transaction (Flask-SQLAlchemy's scoped session, made explicit):
/// every statement run through it commits together when the response is a success
/// (status below 400), or not at all when the handler fails, panics or answers with
/// an error. A hook and the handler of one request share it.
///
/// Needs the layer that [`install`](crate::install) adds. Beginning one when the
/// database is down answers 503.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_db::Tx;
///
/// #[post("/transfer")]
/// async fn transfer(mut tx: Tx) -> Result<&'static str> {
///     sqlx::query("UPDATE account SET balance = balance - 10 WHERE id = 1")
///         .execute(tx.sqlite()?)
///         .await?;
///     sqlx::query("UPDATE account SET balance = balance + 10 WHERE id = 2")
///         .execute(tx.sqlite()?)
///         .await?; // an error here rolls back the first update too
///     Ok("done") // 200: committed after the handler returns
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![transfer]);
/// ```
pub struct Tx {
    open: Option<Open>,
    slot: Option<TxSlot>,
}

impl Tx {
    /// Begins a transaction outside any request (tests, commands); it rolls back when
    /// dropped unless committed.
    pub async fn begin(database: &Database) -> Result<Self> {
        Ok(Tx {
            open: Some(Open::begin(database).await?),
            slot: None,
        })
    }

    /// The connection, to match on when the app supports both databases.
    pub fn conn(&mut self) -> Conn<'_> {
        match self.open.as_mut() {
            Some(Open::Sqlite(tx)) => Conn::Sqlite(tx),
            Some(Open::Postgres(tx)) => Conn::Postgres(tx),
            None => unreachable!("a Tx holds its transaction until commit or rollback consume it"),
        }
    }

    /// The SQLite connection, or a 500 when the app is configured for PostgreSQL.
    pub fn sqlite(&mut self) -> Result<&mut SqliteConnection> {
        self.conn().sqlite()
    }

    /// The PostgreSQL connection, or a 500 when the app is configured for SQLite.
    pub fn postgres(&mut self) -> Result<&mut PgConnection> {
        self.conn().postgres()
    }

    /// Commits now: a failure is this call's error (503 when the database went away)
    /// rather than the layer's.
    pub async fn commit(mut self) -> Result<()> {
        match self.open.take() {
            Some(open) => open.commit().await.map_err(db_error),
            None => Ok(()),
        }
    }

    /// Rolls back now.
    pub async fn rollback(mut self) -> Result<()> {
        match self.open.take() {
            Some(open) => open.rollback().await.map_err(db_error),
            None => Ok(()),
        }
    }
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx")
            .field("open", &self.open.is_some())
            .field("in_request", &self.slot.is_some())
            .finish()
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        // Hand the transaction back for the layer to end; without a slot, sqlx rolls
        // it back as it is dropped.
        if let (Some(open), Some(slot)) = (self.open.take(), &self.slot) {
            slot.put(open);
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Tx {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Some(slot) = parts.extensions.get::<TxSlot>().cloned() else {
            return Err(Error::from_status(StatusCode::INTERNAL_SERVER_ERROR).with_message(
                "Tx needs the database layer: install it with framework_db::install(app, database)",
            ));
        };
        let open = match slot.take() {
            Some(open) => open,
            None => Open::begin(database(parts)?).await?,
        };
        Ok(Tx {
            open: Some(open),
            slot: Some(slot),
        })
    }
}
