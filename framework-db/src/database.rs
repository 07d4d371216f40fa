//! The connection pool: one per app, to SQLite or PostgreSQL as `DATABASE_URL` says.

use std::str::FromStr;

use sqlx::pool::PoolOptions;
use sqlx::postgres::{PgConnectOptions, PgPool};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool};
use sqlx::{ConnectOptions, Connection};

use crate::error::{SetupError, db_error, redact};
use crate::settings::DbSettings;

/// Which kind of database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite:…`: a file (or memory) in this process.
    Sqlite,
    /// `postgres://…` or `postgresql://…`: a server.
    Postgres,
}

impl Backend {
    /// The backend a URL names, or an error naming `DATABASE_URL`.
    ///
    /// ```
    /// use framework_db::Backend;
    ///
    /// assert_eq!(Backend::of_url("postgres://db/app").unwrap(), Backend::Postgres);
    /// assert_eq!(Backend::of_url("sqlite://instance/app.sqlite").unwrap(), Backend::Sqlite);
    /// assert!(Backend::of_url("mysql://db/app").unwrap_err().to_string().starts_with("DATABASE_URL"));
    /// ```
    pub fn of_url(url: &str) -> Result<Self, SetupError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(SetupError::setting(
                "DATABASE_URL",
                format!(
                    "must start with sqlite: or postgres://, got {:?}",
                    redact(url)
                ),
            ))
        }
    }

    /// `SQLite` or `PostgreSQL`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// The app's connection pool. Cheap to clone (the pools are shared handles).
///
/// An enum of sqlx's typed pools rather than `sqlx::AnyPool`: the `query!` macros
/// check each query against one concrete database and generate code for that
/// database's types, which `AnyPool` cannot run. With the enum, an app for one
/// database uses `db.sqlite()?` or `db.postgres()?`, and an app for both matches on
/// [`Conn`](crate::Conn) and keeps a checked query for each.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use framework_db::{Database, DbSettings};
///
/// let db = Database::connect(&DbSettings::for_url("sqlite::memory:")).await.unwrap();
/// assert_eq!(db.backend(), framework_db::Backend::Sqlite);
///
/// let error = Database::connect(&DbSettings::for_url("postgres://nobody@127.0.0.1:1/app")).await.unwrap_err();
/// assert!(error.to_string().starts_with("DATABASE_URL: cannot connect"));
/// # }
/// ```
#[derive(Clone, Debug)]
pub enum Database {
    /// A pool of SQLite connections.
    Sqlite(SqlitePool),
    /// A pool of PostgreSQL connections.
    Postgres(PgPool),
}

impl Database {
    /// Opens the pool and one connection, so that a wrong or unreachable URL is an
    /// error now rather than on the first request. A SQLite file (and its folder) is
    /// created if missing.
    pub async fn connect(settings: &DbSettings) -> Result<Self, SetupError> {
        let url = &settings.url;
        let connect_error = |source| SetupError::Connect {
            url: redact(url),
            source,
        };
        let malformed = |error: sqlx::Error| {
            SetupError::setting(
                "DATABASE_URL",
                format!("is not a valid URL ({}): {error}", redact(url)),
            )
        };
        match Backend::of_url(url)? {
            Backend::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)
                    .map_err(malformed)?
                    .create_if_missing(true)
                    .foreign_keys(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(settings.acquire_timeout)
                    .statement_cache_capacity(settings.statement_cache);
                if let Some(folder) = options.get_filename().parent()
                    && !folder.as_os_str().is_empty()
                    && !folder.exists()
                {
                    std::fs::create_dir_all(folder)
                        .map_err(|e| connect_error(sqlx::Error::Io(e)))?;
                }
                let pool = pool_options(settings)
                    .connect_with(options)
                    .await
                    .map_err(connect_error)?;
                Ok(Database::Sqlite(pool))
            }
            Backend::Postgres => {
                let options = PgConnectOptions::from_str(url)
                    .map_err(malformed)?
                    .statement_cache_capacity(settings.statement_cache)
                    // "table does not exist, skipping" and the like are not news.
                    .options([("client_min_messages", "warning")]);
                // One plain connection first: the pool would retry until its timeout
                // and report only that, where this says why ("connection refused",
                // "database does not exist", "password authentication failed").
                match tokio::time::timeout(settings.acquire_timeout, options.connect()).await {
                    Ok(Ok(connection)) => {
                        let _ = connection.close().await;
                    }
                    Ok(Err(error)) => return Err(connect_error(error)),
                    Err(_) => return Err(connect_error(sqlx::Error::PoolTimedOut)),
                }
                let pool = pool_options(settings)
                    .connect_with(options)
                    .await
                    .map_err(connect_error)?;
                Ok(Database::Postgres(pool))
            }
        }
    }

    /// Which kind of database this is.
    pub fn backend(&self) -> Backend {
        match self {
            Database::Sqlite(_) => Backend::Sqlite,
            Database::Postgres(_) => Backend::Postgres,
        }
    }

    /// A connection from the pool (what the [`Db`](crate::Db) extractor does): a 503
    /// when the database cannot be reached within `DATABASE_ACQUIRE_TIMEOUT`.
    pub async fn acquire(&self) -> framework_core::Result<crate::Db> {
        let db = match self {
            Database::Sqlite(pool) => crate::Db::Sqlite(pool.acquire().await.map_err(db_error)?),
            Database::Postgres(pool) => {
                crate::Db::Postgres(pool.acquire().await.map_err(db_error)?)
            }
        };
        Ok(db)
    }

    /// Runs `sql`, which may hold several statements separated by `;`, unchecked and
    /// without parameters: for scripts such as a tutorial's `init-db`, and for tests.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use framework_db::{Database, DbSettings};
    ///
    /// let db = Database::connect(&DbSettings::for_url("sqlite::memory:")).await.unwrap();
    /// db.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);").await.unwrap();
    /// # }
    /// ```
    pub async fn execute(&self, sql: &str) -> Result<(), sqlx::Error> {
        match self {
            Database::Sqlite(pool) => sqlx::raw_sql(sql).execute(pool).await.map(drop),
            Database::Postgres(pool) => sqlx::raw_sql(sql).execute(pool).await.map(drop),
        }
    }

    /// Closes every connection; later acquires fail.
    pub async fn close(&self) {
        match self {
            Database::Sqlite(pool) => pool.close().await,
            Database::Postgres(pool) => pool.close().await,
        }
    }
}

fn pool_options<DB: sqlx::Database>(settings: &DbSettings) -> PoolOptions<DB> {
    PoolOptions::new()
        .max_connections(settings.pool_size)
        .acquire_timeout(settings.acquire_timeout)
        .idle_timeout(settings.idle_timeout)
        // A connection that died while idle (the server restarted) is replaced rather
        // than handed to a request.
        .test_before_acquire(true)
}
