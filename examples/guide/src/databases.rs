//! Chapter "Databases": a pooled connection, the request's transaction, migrations.

// ANCHOR: setup
// ANCHOR: uses
use framework_core::cli::Cli;
use framework_core::prelude::*;
use framework_db::{Db, Migrations, Setup, Tx};
use sqlx::migrate::Migrator;
// ANCHOR_END: uses

/// The SQL files in `migrations/sqlite/`, embedded in the program at build time.
static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

pub fn setup() -> Setup {
    Setup::new().migrations(Migrations::new().sqlite(&SQLITE).postgres(&POSTGRES))
}

pub fn cli() -> Cli {
    let setup = setup();
    // `bank db migrate`, `bank db status`, and `run` connects before serving.
    setup
        .commands(Cli::new("bank", app()))
        .setup(move |app, config| async move { Ok(setup.install(app, &config).await?) })
}
// ANCHOR_END: setup

pub fn app() -> App {
    App::new().register(routes![balance, open, transfer])
}

// ANCHOR: db
/// A connection from the pool, for this request. `db.sqlite()?` is the SQLite
/// connection (a 500 if the app runs on PostgreSQL).
#[get("/accounts/<owner>")]
pub async fn balance(owner: String, mut db: Db) -> Result<String> {
    let balance: Option<i64> = sqlx::query_scalar("SELECT balance FROM account WHERE owner = ?")
        .bind(&owner)
        .fetch_optional(db.sqlite()?)
        .await?;
    match balance {
        Some(balance) => Ok(format!("{owner}: {balance}")),
        None => Err(abort(StatusCode::NOT_FOUND)),
    }
}
// ANCHOR_END: db

#[post("/accounts/<owner>/<balance>")]
pub async fn open(owner: String, balance: i64, mut db: Db) -> Result<StatusCode> {
    sqlx::query("INSERT INTO account (owner, balance) VALUES (?, ?)")
        .bind(owner)
        .bind(balance)
        .execute(db.sqlite()?)
        .await?;
    Ok(StatusCode::CREATED)
}

// ANCHOR: tx
/// Both updates or neither: the transaction commits after the handler returns a
/// success, and rolls back on an error, a panic or an error status.
#[post("/transfer/<from>/<to>/<amount>")]
pub async fn transfer(from: String, to: String, amount: i64, mut tx: Tx) -> Result<&'static str> {
    let credited = sqlx::query("UPDATE account SET balance = balance + ? WHERE owner = ?")
        .bind(amount)
        .bind(&to)
        .execute(tx.sqlite()?)
        .await?;
    if credited.rows_affected() == 0 {
        // The credit above is rolled back with the 404.
        return Err(abort(StatusCode::NOT_FOUND).with_message(format!("no account {to}")));
    }
    // Overdrawing breaks the CHECK constraint: a 500, and nothing is written.
    sqlx::query("UPDATE account SET balance = balance - ? WHERE owner = ?")
        .bind(amount)
        .bind(&from)
        .execute(tx.sqlite()?)
        .await?;
    Ok("done")
}
// ANCHOR_END: tx
