//! `RATE_LIMIT_STORE=redis://…`: two app instances enforce one limit; with Redis
//! out of reach, each counts in its own process (logged) and keeps answering.

use std::net::SocketAddr;

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;

#[route("/login", methods = [GET, POST], rate_limit("3/minute", methods = [POST]))]
async fn login() -> &'static str {
    "login"
}

fn instance(store: &str) -> TestClient {
    let config = Config::from_vars([("RATE_LIMIT_STORE", store)]).unwrap();
    TestClient::new(
        App::new()
            .register(routes![login])
            .configure(&config)
            .unwrap(),
    )
}

async fn post(client: &TestClient, addr: &str) -> (u16, Option<String>) {
    let addr: SocketAddr = addr.parse().unwrap();
    let res = client.post("/login").remote_addr(addr).await;
    (
        res.status().as_u16(),
        res.header("retry-after").map(str::to_owned),
    )
}

#[tokio::test]
#[ignore = "needs redis: run via cargo xtask test"]
async fn two_instances_share_one_limit_through_redis() {
    let url = std::env::var("REDIS_URL").expect("REDIS_URL (cargo xtask test sets it)");
    let first = instance(&url);
    let second = instance(&url);
    // A client address of this run's own, so counters left by an earlier run (they
    // expire within the minute) cannot interfere.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let alice = format!(
        "10.{}.{}.{}:5000",
        nanos % 250,
        (nanos >> 8) % 250,
        (nanos >> 16) % 250
    );
    assert_eq!(post(&first, &alice).await.0, 200);
    assert_eq!(post(&second, &alice).await.0, 200);
    assert_eq!(post(&first, &alice).await.0, 200);
    // The fourth, on either instance, is over the one limit.
    let (status, retry_after) = post(&second, &alice).await;
    assert_eq!(status, 429);
    // 3 a minute: one more every 20 s (Redis's clock; at most 20).
    let seconds: u64 = retry_after.unwrap().parse().unwrap();
    assert!((19..=20).contains(&seconds), "Retry-After {seconds}");
    assert_eq!(post(&first, &alice).await.0, 429);
    // Another client has its own allowance on both.
    let bob = format!(
        "10.{}.{}.{}:5000",
        nanos % 250,
        (nanos >> 8) % 250,
        (nanos >> 16) % 250 + 1
    );
    assert_eq!(post(&second, &bob).await.0, 200);
}

#[tokio::test]
async fn with_redis_out_of_reach_each_instance_counts_on_its_own() {
    // Nothing listens on port 1 of loopback.
    let client = instance("redis://127.0.0.1:1");
    let alice = "192.0.2.1:5000";
    for _ in 0..3 {
        assert_eq!(post(&client, alice).await.0, 200);
    }
    assert_eq!(post(&client, alice).await.0, 429);
    assert_eq!(post(&client, "192.0.2.2:5000").await.0, 200);
}

#[test]
fn a_store_url_that_is_not_redis_names_the_setting() {
    let config = Config::from_vars([("RATE_LIMIT_STORE", "redis://:not a url")]).unwrap();
    let error = App::new().configure(&config).unwrap_err();
    assert!(error.to_string().contains("RATE_LIMIT_STORE"), "{error}");
}
