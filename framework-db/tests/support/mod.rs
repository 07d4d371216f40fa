//! The app both backends' tests run: a table of notes, read through `Db` and written
//! through `Tx`, with handlers that fail in each way a handler can.

// Each test binary uses a part of this module.
#![allow(dead_code)]

use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_db::{Conn, Database, Db, DbSettings, Migrations, Tx};
use sqlx::migrate::Migrator;

static SQLITE: Migrator = sqlx::migrate!("tests/migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("tests/migrations/postgres");

pub const MIGRATIONS: Migrations = Migrations::new().sqlite(&SQLITE).postgres(&POSTGRES);

#[get("/notes")]
async fn count(mut db: Db) -> Result<String> {
    Ok(count_notes(&mut db.conn()).await?.to_string())
}

/// Holds its connection in a slow query (PostgreSQL only), so that a test can stop
/// the server under it; `db_error` makes the lost connection a 503.
#[get("/slow")]
async fn slow(mut db: Db) -> Result<&'static str> {
    sqlx::query("SELECT pg_sleep(3)")
        .execute(db.postgres()?)
        .await
        .map_err(framework_db::db_error)?;
    Ok("slept")
}

pub async fn count_notes(conn: &mut Conn<'_>) -> Result<i64, sqlx::Error> {
    const COUNT: &str = "SELECT COUNT(*) FROM note";
    match conn {
        Conn::Sqlite(c) => sqlx::query_scalar(COUNT).fetch_one(&mut **c).await,
        Conn::Postgres(c) => sqlx::query_scalar(COUNT).fetch_one(&mut **c).await,
    }
}

async fn insert(tx: &mut Tx, body: &str) -> Result<(), sqlx::Error> {
    match tx.conn() {
        Conn::Sqlite(c) => {
            sqlx::query("INSERT INTO note (body) VALUES (?)")
                .bind(body)
                .execute(c)
                .await?;
        }
        Conn::Postgres(c) => {
            sqlx::query("INSERT INTO note (body) VALUES ($1)")
                .bind(body)
                .execute(c)
                .await?;
        }
    }
    Ok(())
}

/// Inserts `body`, then ends as `how` says.
#[post("/notes/<body>/<how>")]
async fn add(body: String, how: String, mut tx: Tx) -> Result<Response> {
    insert(&mut tx, &body).await?;
    match how.as_str() {
        "ok" => Ok(StatusCode::CREATED.into_response()),
        "redirect" => Ok(redirect("/notes")),
        "bad-request" => Err(abort(StatusCode::BAD_REQUEST)),
        "panic" => panic!("the handler fails after writing"),
        // The second insert breaks the UNIQUE constraint: a 500, and the first one
        // must not survive either.
        "twice" => {
            insert(&mut tx, &format!("{body}, again")).await?;
            insert(&mut tx, &body).await?;
            Ok(StatusCode::CREATED.into_response())
        }
        // Commits itself, then fails: the commit stands.
        "commit-then-fail" => {
            tx.commit().await?;
            Err(abort(StatusCode::BAD_REQUEST))
        }
        _ => Err(abort(StatusCode::NOT_FOUND)),
    }
}

/// A before hook writes through the request's transaction; the handler sees the row
/// and decides its fate by the status it answers with.
#[blueprint(prefix = "/shared")]
mod shared {
    use framework_core::prelude::*;
    use framework_db::{Conn, Tx};

    #[before_request]
    async fn hook(mut tx: Tx) -> Result<()> {
        super::insert(&mut tx, "from the hook").await?;
        Ok(())
    }

    #[post("/<status>")]
    async fn end(status: u16, mut tx: Tx) -> Result<StatusCode> {
        const COUNT: &str = "SELECT COUNT(*) FROM note";
        let seen: i64 = match tx.conn() {
            Conn::Sqlite(c) => sqlx::query_scalar(COUNT).fetch_one(c).await?,
            Conn::Postgres(c) => sqlx::query_scalar(COUNT).fetch_one(c).await?,
        };
        if seen != 1 {
            // The hook's row must be visible in the handler's transaction.
            return Err(abort(StatusCode::CONFLICT));
        }
        StatusCode::from_u16(status).map_err(|_| abort(StatusCode::BAD_REQUEST))
    }
}

pub fn app(database: Database) -> App {
    framework_db::install(
        App::new()
            .register(routes![count, add, slow])
            .blueprint(shared::blueprint()),
        database,
    )
}

/// A migrated database at `url` and a client of the app on it.
pub async fn client(settings: DbSettings) -> (TestClient, Database) {
    let database = Database::connect(&settings).await.unwrap();
    MIGRATIONS.run(&database).await.unwrap();
    (TestClient::new(app(database.clone())), database)
}

pub async fn notes(client: &TestClient) -> i64 {
    let response = client.get("/notes").await;
    assert_eq!(response.status(), StatusCode::OK, "{}", response.text());
    response.text().parse().unwrap()
}

/// Every way a request can end, and what it leaves in the table.
pub async fn transactions(client: &TestClient) {
    assert_eq!(notes(client).await, 0);
    let status = |how: &str, body: &str| {
        let path = format!("/notes/{body}/{how}");
        async move { client.post(&path).await.status() }
    };
    assert_eq!(status("ok", "one").await, StatusCode::CREATED);
    assert_eq!(notes(client).await, 1, "a success commits");
    assert_eq!(status("redirect", "two").await, StatusCode::FOUND);
    assert_eq!(notes(client).await, 2, "a redirect is a success");
    assert_eq!(
        status("bad-request", "three").await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(notes(client).await, 2, "an error rolls back");
    assert_eq!(
        status("panic", "four").await,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(notes(client).await, 2, "a panic rolls back");
    assert_eq!(
        status("twice", "five").await,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(
        notes(client).await,
        2,
        "a constraint violation leaves nothing half-written"
    );
    assert_eq!(
        status("commit-then-fail", "six").await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(notes(client).await, 3, "an explicit commit stands");
}

/// A hook and its handler share one transaction, ended by the final status.
pub async fn shared_transaction(client: &TestClient) {
    assert_eq!(
        client.post("/shared/400").await.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        notes(client).await,
        0,
        "the hook's write rolled back with the handler's error"
    );
    assert_eq!(client.post("/shared/200").await.status(), StatusCode::OK);
    assert_eq!(notes(client).await, 1);
}

/// The throwaway server `cargo xtask test` starts (`POSTGRES_URL`), with a fresh
/// database `name` on it; returns that database's URL.
pub async fn fresh_postgres(name: &str) -> String {
    use sqlx::Connection;

    let admin = std::env::var("POSTGRES_URL")
        .expect("POSTGRES_URL is not set: run the PostgreSQL tests via cargo xtask test");
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let (server, _) = admin.rsplit_once('/').unwrap();
    format!("{server}/{name}")
}
