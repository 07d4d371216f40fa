//! The database layer on SQLite files: pooled reads, request transactions, 503 and
//! recovery, startup errors, migrations and the `db` commands.
#![forbid(unsafe_code)]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use framework_core::App;
use framework_core::cli::{Cli, Outcome};
use framework_core::config::Config;
use framework_core::http::StatusCode;
use framework_db::{Database, DbSettings, MigrationState, Setup};

/// A fresh database file for one test, removed at the end.
struct TempDb(PathBuf);

impl TempDb {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("framework-db-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDb(dir)
    }

    fn url(&self) -> String {
        format!("sqlite://{}/app.sqlite", self.0.display())
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn transactions_commit_on_success_and_roll_back_otherwise() {
    let file = TempDb::new("tx");
    let (client, _) = support::client(DbSettings::for_url(file.url())).await;
    support::transactions(&client).await;
}

#[tokio::test]
async fn a_hook_and_its_handler_share_the_transaction() {
    let file = TempDb::new("shared");
    let (client, _) = support::client(DbSettings::for_url(file.url())).await;
    support::shared_transaction(&client).await;
}

#[tokio::test]
async fn the_folder_and_file_are_created() {
    let file = TempDb::new("create");
    let database = Database::connect(&DbSettings::for_url(file.url()))
        .await
        .unwrap();
    assert!(file.0.join("app.sqlite").is_file());
    database.close().await;
}

#[tokio::test]
async fn a_busy_pool_answers_503_then_recovers() {
    let file = TempDb::new("busy");
    let mut settings = DbSettings::for_url(file.url());
    settings.pool_size = 1;
    settings.acquire_timeout = Duration::from_millis(200);
    let (client, database) = support::client(settings).await;
    let held = database.acquire().await.unwrap();
    let response = client.get("/notes").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        client.post("/notes/x/ok").await.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "beginning a transaction waits as long, then gives up"
    );
    drop(held);
    assert_eq!(
        support::notes(&client).await,
        0,
        "back once a connection is free"
    );
}

#[tokio::test]
async fn a_closed_pool_answers_503() {
    let file = TempDb::new("closed");
    let (client, database) = support::client(DbSettings::for_url(file.url())).await;
    database.close().await;
    assert_eq!(
        client.get("/notes").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[tokio::test]
async fn without_install_the_extractors_say_what_is_missing() {
    use framework_core::prelude::*;

    #[get("/")]
    async fn index(_db: framework_db::Db) -> &'static str {
        "never"
    }

    let client = framework_core::testing::TestClient::new(App::new().register(routes![index]));
    let response = client.get("/").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn malformed_and_unreachable_urls_name_the_setting() {
    for url in [
        "mysql://db/app",
        "postgres://app@127.0.0.1:1/app",
        "postgres://app@[::1/app",
        "sqlite:///nonexistent-root-folder/\0/app.sqlite",
    ] {
        let mut settings = DbSettings::for_url(url);
        settings.acquire_timeout = Duration::from_secs(2);
        let error = Database::connect(&settings).await.unwrap_err().to_string();
        assert!(error.starts_with("DATABASE_URL"), "{url}: {error}");
    }
}

#[tokio::test]
async fn migrations_run_once_and_report_their_state() {
    let file = TempDb::new("migrate");
    let database = Database::connect(&DbSettings::for_url(file.url()))
        .await
        .unwrap();
    let status = support::MIGRATIONS.status(&database).await.unwrap();
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].state, MigrationState::Pending);
    assert_eq!(status[0].description, "create note");
    assert_eq!(support::MIGRATIONS.run(&database).await.unwrap(), 1);
    assert_eq!(support::MIGRATIONS.run(&database).await.unwrap(), 0);
    let status = support::MIGRATIONS.status(&database).await.unwrap();
    assert_eq!(status[0].state, MigrationState::Applied);
}

#[tokio::test]
async fn database_migrate_runs_them_at_startup() {
    let file = TempDb::new("startup");
    let config = Config::from_vars([
        ("DATABASE_URL", file.url()),
        ("DATABASE_MIGRATE", "true".to_owned()),
    ])
    .unwrap();
    let setup = Setup::new().migrations(support::MIGRATIONS);
    let database = setup.connect(&config).await.unwrap();
    let status = support::MIGRATIONS.status(&database).await.unwrap();
    assert_eq!(status[0].state, MigrationState::Applied);
}

#[test]
fn db_migrate_and_db_status_commands() {
    let file = TempDb::new("cli");
    let run = |args: &[&str]| {
        let cli = Setup::new()
            .migrations(support::MIGRATIONS)
            .commands(Cli::new("app", App::new()));
        let mut out = Vec::new();
        let vars = vec![("DATABASE_URL".to_owned(), file.url())];
        let outcome = cli.run_with(args.iter().copied(), vars, &mut out);
        (outcome, String::from_utf8(out).unwrap())
    };
    assert_eq!(run(&["app", "db", "migrate"]).0, Outcome::Done);
    assert_eq!(run(&["app", "db", "status"]).0, Outcome::Done);
    let (outcome, out) = run(&["app", "db"]);
    assert!(matches!(outcome, Outcome::Usage { .. }), "{out}");

    let cli = Setup::new().commands(Cli::new("app", App::new()));
    let mut out = Vec::new();
    let vars = vec![("DATABASE_URL".to_owned(), "mysql://db".to_owned())];
    assert_eq!(
        cli.run_with(["app", "db", "migrate"], vars, &mut out),
        Outcome::Failed
    );
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with("error: DATABASE_URL must start with"),
        "{out}"
    );
}

#[tokio::test]
async fn the_503_goes_through_the_error_handlers() {
    use framework_core::prelude::*;

    #[errorhandler(503)]
    async fn unavailable() -> (StatusCode, &'static str) {
        (StatusCode::SERVICE_UNAVAILABLE, "back soon")
    }

    let file = TempDb::new("handler");
    let database = Database::connect(&DbSettings::for_url(file.url()))
        .await
        .unwrap();
    support::MIGRATIONS.run(&database).await.unwrap();
    let app = support::app(database.clone()).register(routes![unavailable]);
    let client = framework_core::testing::TestClient::new(app);
    database.close().await;
    let response = client.get("/notes").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.text(), "back soon");
}

#[tokio::test]
async fn question_mark_on_an_unreachable_database_error_is_a_503_for_the_handlers() {
    use framework_core::prelude::*;

    // What a query answers when the server went away under it.
    #[get("/lost")]
    async fn lost() -> Result<&'static str> {
        let error: std::result::Result<(), sqlx::Error> = Err(sqlx::Error::PoolTimedOut);
        error?;
        Ok("unreachable")
    }

    // Any other database error stays a failure: a 500.
    #[get("/broken")]
    async fn broken() -> Result<&'static str> {
        let error: std::result::Result<(), sqlx::Error> = Err(sqlx::Error::RowNotFound);
        error?;
        Ok("unreachable")
    }

    #[errorhandler(503)]
    async fn unavailable() -> (StatusCode, &'static str) {
        (StatusCode::SERVICE_UNAVAILABLE, "back soon")
    }

    let file = TempDb::new("question-mark");
    let database = Database::connect(&DbSettings::for_url(file.url()))
        .await
        .unwrap();
    let app =
        framework_db::install(App::new(), database).register(routes![lost, broken, unavailable]);
    let client = framework_core::testing::TestClient::new(app);
    let response = client.get("/lost").await;
    assert_eq!(
        (response.status(), response.text().as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, "back soon")
    );
    assert_eq!(
        client.get("/broken").await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
}
