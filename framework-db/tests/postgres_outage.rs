//! PostgreSQL stopped under a running app, also under a request holding a connection:
//! requests get a 503 (and a log line), and the same pool serves again once the
//! server is back. In a test binary of its own, because it stops the server every
//! PostgreSQL test shares.
#![forbid(unsafe_code)]

mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use framework_core::http::StatusCode;
use framework_db::DbSettings;

fn pg_ctl(args: &[&str]) {
    let bin = std::env::var("POSTGRES_BIN").expect("POSTGRES_BIN: run via cargo xtask test");
    let data = std::env::var("POSTGRES_DATA").expect("POSTGRES_DATA: run via cargo xtask test");
    let status = Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .arg(format!("{bin}/pg_ctl"))
        .args(["-D", &data, "-w"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "pg_ctl {args:?}: {status}");
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn a_stopped_server_answers_503_and_recovers_when_back() {
    let url = support::fresh_postgres("framework_db_outage").await;
    let mut settings = DbSettings::for_url(url);
    settings.acquire_timeout = Duration::from_secs(1);
    let (client, _) = support::client(settings).await;
    assert_eq!(
        client.post("/notes/before/ok").await.status(),
        StatusCode::CREATED
    );
    assert_eq!(support::notes(&client).await, 1);

    // Stopped under a request that holds a connection: its query fails, and the
    // handler's `db_error` answers 503.
    let (slow, ()) = tokio::join!(client.get("/slow"), async {
        tokio::time::sleep(Duration::from_millis(500)).await;
        pg_ctl(&["stop", "-m", "fast"]);
    });
    assert_eq!(
        slow.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        slow.text()
    );

    let started = Instant::now();
    assert_eq!(
        client.get("/notes").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        client.post("/notes/during/ok").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a 503 comes within DATABASE_ACQUIRE_TIMEOUT, not after a hang"
    );

    pg_ctl(&["start", "-l", "/dev/null"]);
    assert_eq!(
        support::notes(&client).await,
        1,
        "the pool reconnects by itself"
    );
    assert_eq!(
        client.post("/notes/after/ok").await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        support::notes(&client).await,
        2,
        "nothing written during the outage"
    );
}
