//! The database layer on a real PostgreSQL server (the one `cargo xtask test`
//! starts): request transactions, migrations and the `db` commands.
#![forbid(unsafe_code)]

mod support;

use framework_core::App;
use framework_core::cli::{Cli, Outcome};
use framework_db::{Backend, Database, DbSettings, MigrationState, Setup};

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn transactions_commit_on_success_and_roll_back_otherwise() {
    let url = support::fresh_postgres("framework_db_tx").await;
    let (client, database) = support::client(DbSettings::for_url(url)).await;
    assert_eq!(database.backend(), Backend::Postgres);
    support::transactions(&client).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn a_hook_and_its_handler_share_the_transaction() {
    let url = support::fresh_postgres("framework_db_shared").await;
    let (client, _) = support::client(DbSettings::for_url(url)).await;
    support::shared_transaction(&client).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn migrations_run_once_and_report_their_state() {
    let url = support::fresh_postgres("framework_db_migrate").await;
    let database = Database::connect(&DbSettings::for_url(url)).await.unwrap();
    let status = support::MIGRATIONS.status(&database).await.unwrap();
    assert_eq!(status[0].state, MigrationState::Pending);
    assert_eq!(support::MIGRATIONS.run(&database).await.unwrap(), 1);
    assert_eq!(support::MIGRATIONS.run(&database).await.unwrap(), 0);
    let status = support::MIGRATIONS.status(&database).await.unwrap();
    assert_eq!(status[0].state, MigrationState::Applied);
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn a_database_that_does_not_exist_names_the_setting() {
    let admin = std::env::var("POSTGRES_URL").unwrap();
    let (server, _) = admin.rsplit_once('/').unwrap();
    let error = Database::connect(&DbSettings::for_url(format!("{server}/no_such_db")))
        .await
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("DATABASE_URL: cannot connect"), "{error}");
    assert!(error.contains("no_such_db"), "{error}");
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn db_migrate_and_db_status_commands() {
    let url = support::fresh_postgres("framework_db_cli").await;
    // The commands run their own runtime: off this test's.
    let outcomes = tokio::task::spawn_blocking(move || {
        let run = |args: &[&str]| {
            let cli = Setup::new()
                .migrations(support::MIGRATIONS)
                .commands(Cli::new("app", App::new()));
            let vars = vec![("DATABASE_URL".to_owned(), url.clone())];
            cli.run_with(args.iter().copied(), vars, &mut Vec::new())
        };
        (
            run(&["app", "db", "migrate"]),
            run(&["app", "db", "status"]),
        )
    })
    .await
    .unwrap();
    assert_eq!(outcomes, (Outcome::Done, Outcome::Done));
}
