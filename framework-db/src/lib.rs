//! Databases for framework-core, on sqlx: a connection pool to SQLite or PostgreSQL
//! chosen by `DATABASE_URL`, the [`Db`] (a pooled connection) and [`Tx`] (the
//! request's transaction) extractors, SQL migrations with `db migrate` / `db status`
//! commands, and a 503 when the database is down.
//!
//! Nothing blocks an async worker: sqlx talks to PostgreSQL over async sockets and
//! runs each SQLite connection on a thread of its own.
//!
//! ```no_run
//! use framework_core::cli::Cli;
//! use framework_core::prelude::*;
//! use framework_db::{Db, Migrations, Setup, Tx};
//!
//! static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("tests/migrations/sqlite");
//!
//! #[get("/count")]
//! async fn count(mut db: Db) -> Result<String> {
//!     let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM note").fetch_one(db.sqlite()?).await?;
//!     Ok(n.to_string())
//! }
//!
//! #[post("/notes")]
//! async fn add(mut tx: Tx) -> Result<StatusCode> {
//!     sqlx::query("INSERT INTO note (body) VALUES ('hello')").execute(tx.sqlite()?).await?;
//!     Ok(StatusCode::CREATED) // committed once the response is known to be a success
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     let db = Setup::new().migrations(Migrations::new().sqlite(&MIGRATIONS));
//!     db.commands(Cli::new("notes", App::new().register(routes![count, add])))
//!         .setup(move |app, config| async move { Ok(db.install(app, &config).await?) })
//!         .main()
//! }
//! ```
#![forbid(unsafe_code)]

mod cli;
mod conn;
mod database;
mod db;
mod error;
mod layer;
mod migrate;
mod settings;
mod setup;
mod tx;

pub use conn::Conn;
pub use database::{Backend, Database};
pub use db::Db;
pub use error::{SetupError, db_error, is_unavailable};
pub use layer::TxLayer;
pub use migrate::{MigrationState, MigrationStatus, Migrations};
pub use settings::{DEVELOPMENT_URL, DbSettings};
pub use setup::{Setup, install};
pub use tx::Tx;

pub use sqlx;
