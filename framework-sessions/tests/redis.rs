//! Sessions in a real Redis: shared by two app instances, and a Redis that goes down
//! gives 503s to the requests that need the session, then recovers by itself.
//!
//! `cargo xtask test` installs and starts `redis-server` for these (it passes
//! `REDIS_URL`); the outage test starts and stops a `redis-server` of its own on a
//! free loopback port.
#![forbid(unsafe_code)]

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_sessions::{Session, SessionLayer};

#[get("/count")]
async fn count(session: Session) -> Result<String> {
    let count: u32 = session.get("count").await?.unwrap_or(0) + 1;
    session.insert("count", count).await?;
    Ok(format!("count {count}"))
}

#[get("/plain")]
async fn plain() -> &'static str {
    "no session needed"
}

async fn app(url: &str) -> App {
    let config =
        Config::from_vars([("SECRET_KEY", "redis test key"), ("SESSION_STORE", url)]).unwrap();
    let sessions = SessionLayer::from_config(&config).await.unwrap();
    App::new().register(routes![count, plain]).layer(sessions)
}

#[tokio::test]
#[ignore = "needs redis: run via cargo xtask test"]
async fn two_instances_share_sessions_through_redis() {
    let url = std::env::var("REDIS_URL").expect("REDIS_URL (cargo xtask test sets it)");
    let first = TestClient::new(app(&url).await);
    let second = TestClient::new(app(&url).await);
    assert_eq!(first.get("/count").await.text(), "count 1");
    second.set_cookie("session", &first.cookie("session").unwrap());
    assert_eq!(second.get("/count").await.text(), "count 2");
    first.set_cookie("session", &second.cookie("session").unwrap());
    assert_eq!(first.get("/count").await.text(), "count 3");
}

/// A `redis-server` of this test's own, stopped when dropped.
struct OwnRedis {
    child: Child,
    port: u16,
}

impl OwnRedis {
    // The child is killed and waited for in `Drop`.
    #[allow(clippy::zombie_processes)]
    async fn start(port: u16) -> OwnRedis {
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server (cargo xtask test installs it)");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return OwnRedis { child, port };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("redis-server did not start on 127.0.0.1:{port}");
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
#[ignore = "needs redis: run via cargo xtask test"]
async fn a_store_outage_is_a_503_and_the_app_recovers() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redis = OwnRedis::start(port).await;
    let url = format!("redis://127.0.0.1:{}", redis.port);
    let client = TestClient::new(app(&url).await);
    assert_eq!(client.get("/count").await.text(), "count 1");

    redis.stop();
    let down = client.get("/count").await;
    assert_eq!(down.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        down.text().contains("session store is unavailable"),
        "{}",
        down.text()
    );
    // Routes that do not need the session do not notice.
    assert_eq!(client.get("/plain").await.status(), StatusCode::OK);

    // Redis comes back (empty: this one keeps nothing on disk); the app reconnects.
    let _redis = OwnRedis::start(port).await;
    let mut recovered = None;
    for _ in 0..100 {
        let response = client.get("/count").await;
        if response.status() == StatusCode::OK {
            recovered = Some(response.text());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        recovered.as_deref(),
        Some("count 1"),
        "the app did not recover"
    );
}
