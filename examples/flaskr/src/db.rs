//! The database (Flask's `db.py`): SQLite in `instance/flaskr.sqlite` unless
//! `FLASKR_DATABASE` names another file or `DATABASE_URL` another database
//! (`postgres://…` included; it wins when both are set), the migrations that create
//! the tables, and `init-db`.

// ANCHOR: uses
use framework_core::cli::CommandError;
use framework_core::config::Config;
use framework_db::{Database, Migrations, Setup};
use serde::Deserialize;
use sqlx::migrate::Migrator;
// ANCHOR_END: uses

static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

// ANCHOR: setup
/// Flaskr's own setting: the SQLite file, as in the Python tutorial.
#[derive(Deserialize)]
struct Settings {
    flaskr_database: Option<String>,
}

/// Where the data lives, and the migrations that make its tables.
pub fn setup() -> Setup {
    Setup::new()
        .migrations(Migrations::new().sqlite(&SQLITE).postgres(&POSTGRES))
        .default_url(|config: &Config| {
            let file = config.settings::<Settings>().ok()?.flaskr_database;
            let file = file.unwrap_or_else(|| "instance/flaskr.sqlite".to_owned());
            Some(format!("sqlite://{file}"))
        })
}
// ANCHOR_END: setup

// ANCHOR: init_db
/// Drops the tables and makes them anew (Flask's `init_db`). `identity` and `post`
/// go first: they refer to `user`, and SQLite checks foreign keys.
pub async fn init_db(database: &Database) -> Result<(), CommandError> {
    database
        .execute(match database {
            Database::Sqlite(_) => {
                "DROP TABLE IF EXISTS identity; DROP TABLE IF EXISTS post; DROP TABLE IF EXISTS user;"
            }
            Database::Postgres(_) => {
                r#"DROP TABLE IF EXISTS identity; DROP TABLE IF EXISTS post; DROP TABLE IF EXISTS "user";"#
            }
        })
        .await?;
    database
        .execute("DROP TABLE IF EXISTS _sqlx_migrations;")
        .await?;
    setup().migrations_of().run(database).await?;
    Ok(())
}
// ANCHOR_END: init_db

/// `flaskr init-db`: connects as `run` would, then [`init_db`].
pub fn init_db_command(config: &Config) -> Result<(), CommandError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let database = Database::connect(&setup().settings(config)?).await?;
            init_db(&database).await?;
            database.close().await;
            Ok(())
        })
}
