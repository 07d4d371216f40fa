//! No store keeps expired sessions: the memory store sweeps them out and holds a
//! bounded number, SQLite's sweep deletes the expired rows, and a Redis key expires
//! with its session.
#![forbid(unsafe_code)]

use std::time::Duration;

use cookie::time::{self, OffsetDateTime};
use framework_sessions::{MemoryStore, SWEEP_EVERY, Store};
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::ExpiredDeletion;

fn record(lifetime: time::Duration) -> Record {
    Record {
        id: Id::default(),
        data: [("user".to_owned(), serde_json::json!("alice"))].into(),
        expiry_date: OffsetDateTime::now_utc() + lifetime,
    }
}

#[tokio::test]
async fn the_memory_store_drops_expired_sessions() {
    let store = MemoryStore::new(10_000);
    let mut short = record(time::Duration::milliseconds(300));
    let mut long = record(time::Duration::hours(1));
    store.create(&mut short).await.unwrap();
    store.create(&mut long).await.unwrap();
    assert!(store.load(&short.id).await.unwrap().is_some());
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(store.load(&short.id).await.unwrap().is_none(), "expired");
    assert!(store.load(&long.id).await.unwrap().is_some(), "still valid");
    assert_eq!(store.len(), 1, "the expired one is gone, not only hidden");

    // Expired sessions nobody asks for again are swept out as new ones come.
    for _ in 0..10 {
        store
            .create(&mut record(time::Duration::milliseconds(300)))
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    for _ in 0..SWEEP_EVERY {
        store
            .create(&mut record(time::Duration::hours(1)))
            .await
            .unwrap();
    }
    assert_eq!(store.len() as u64, 1 + SWEEP_EVERY);
    store.delete_expired().await.unwrap();
    assert_eq!(store.len() as u64, 1 + SWEEP_EVERY);
}

#[tokio::test]
async fn the_memory_store_keeps_a_bounded_number_of_sessions() {
    let store = MemoryStore::new(100);
    let mut last = record(time::Duration::hours(2));
    for _ in 0..5_000 {
        store
            .create(&mut record(time::Duration::hours(1)))
            .await
            .unwrap();
    }
    assert_eq!(store.len(), 100);
    // Past its capacity the session closest to expiring leaves first.
    store.create(&mut last).await.unwrap();
    assert_eq!(store.len(), 100);
    assert!(store.load(&last.id).await.unwrap().is_some());
    // `SESSION_STORE=memory` has the same bound.
    assert!(matches!(
        Store::connect("memory").await.unwrap(),
        Store::Memory(_)
    ));
}

/// Rows of the sessions table, read with a connection of the test's own.
async fn rows(path: &std::path::Path) -> i64 {
    use tower_sessions_sqlx_store::sqlx::{self, sqlite::SqlitePool};
    let pool = SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM tower_sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    count
}

#[tokio::test]
async fn sqlite_deletes_expired_sessions() {
    let folder = std::env::temp_dir().join(format!("session-expiry-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let path = folder.join("sessions.sqlite");
    let url = format!("sqlite://{}", path.display());
    let first = Store::connect(&url).await.unwrap();
    let expired = record(time::Duration::seconds(-1));
    let mut valid = record(time::Duration::hours(1));
    first.save(&expired).await.unwrap();
    first.create(&mut valid).await.unwrap();
    // The first store's own sweep at opening runs in the background and may already
    // have taken the expired row; the valid one is there either way.
    assert!(matches!(rows(&path).await, 1 | 2));

    // A store opened on the file sweeps at once, then every SQLITE_SWEEP.
    let _second = Store::connect(&url).await.unwrap();
    let mut left = rows(&path).await;
    for _ in 0..50 {
        if left == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        left = rows(&path).await;
    }
    assert_eq!(
        left, 1,
        "the expired session was deleted, the valid one kept"
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[tokio::test]
#[ignore = "needs redis: run via cargo xtask test"]
async fn a_redis_session_expires_with_its_key() {
    let url = std::env::var("REDIS_URL").expect("REDIS_URL (cargo xtask test sets it)");
    let store = Store::connect(&url).await.unwrap();
    let mut session = record(time::Duration::seconds(100));
    store.create(&mut session).await.unwrap();
    let ttl = std::process::Command::new("redis-cli")
        .args(["-u", &url, "TTL", &session.id.to_string()])
        .output()
        .expect("redis-cli runs");
    let ttl: i64 = String::from_utf8_lossy(&ttl.stdout).trim().parse().unwrap();
    assert!((90..=100).contains(&ttl), "TTL {ttl}");
    store.delete(&session.id).await.unwrap();
}
