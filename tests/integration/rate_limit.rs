//! Rate limits per route, blueprint and app, keyed by the client's address (as
//! `TRUSTED_PROXIES` makes it): a `429` with `Retry-After` through the error
//! handlers; routes without a limit are not counted.

use std::net::SocketAddr;

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::ratelimit::RateLimitStore;
use framework_core::testing::TestClient;

#[route("/login", methods = [GET, POST], rate_limit("2/minute", methods = [POST]))]
async fn login() -> &'static str {
    "login"
}

#[get("/search", rate_limit = "3 per hour; 1/second")]
async fn search() -> &'static str {
    "search"
}

#[get("/free")]
async fn free() -> &'static str {
    "free"
}

#[blueprint(prefix = "/api", rate_limit = "2/minute")]
mod api {
    use super::*;

    #[get("/a")]
    async fn a() -> &'static str {
        "a"
    }

    #[get("/b")]
    async fn b() -> &'static str {
        "b"
    }

    #[get("/own", rate_limit = "1/minute")]
    async fn own() -> &'static str {
        "own"
    }

    #[blueprint(prefix = "/inner")]
    mod inner {
        use super::*;

        #[get("/c")]
        async fn c() -> &'static str {
            "c"
        }
    }
}

fn app() -> App {
    App::new()
        .register(routes![login, search, free])
        .blueprint(api::blueprint())
}

async fn status(client: &TestClient, method: &str, path: &str, addr: &str) -> u16 {
    let addr: SocketAddr = addr.parse().unwrap();
    let request = match method {
        "POST" => client.post(path),
        _ => client.get(path),
    };
    request.remote_addr(addr).await.status().as_u16()
}

#[tokio::test]
async fn a_route_limit_counts_only_its_methods_and_answers_429_with_retry_after() {
    let client = TestClient::new(app());
    let alice = "192.0.2.1:5000";
    for _ in 0..5 {
        assert_eq!(status(&client, "GET", "/login", alice).await, 200);
    }
    assert_eq!(status(&client, "POST", "/login", alice).await, 200);
    assert_eq!(status(&client, "POST", "/login", alice).await, 200);
    let res = client
        .post("/login")
        .remote_addr(alice.parse().unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // Two a minute: the next one in 30 seconds.
    assert_eq!(res.header("retry-after"), Some("30"));
    assert!(
        res.text().contains("try again in 30 seconds"),
        "{}",
        res.text()
    );
    // The page still has the headers every response gets.
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    // GET is not limited, another client is not limited.
    assert_eq!(status(&client, "GET", "/login", alice).await, 200);
    assert_eq!(
        status(&client, "POST", "/login", "192.0.2.2:5000").await,
        200
    );
}

#[tokio::test]
async fn several_limits_all_apply() {
    let client = TestClient::new(app());
    let alice = "192.0.2.1:5000";
    // 1/second: the second request at once is over.
    assert_eq!(status(&client, "GET", "/search", alice).await, 200);
    let res = client
        .get("/search")
        .remote_addr(alice.parse().unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.header("retry-after"), Some("1"));
}

#[tokio::test]
async fn a_blueprint_limit_applies_to_each_of_its_routes_on_its_own() {
    let client = TestClient::new(app());
    let alice = "192.0.2.1:5000";
    for path in ["/api/a", "/api/b", "/api/inner/c"] {
        assert_eq!(status(&client, "GET", path, alice).await, 200, "{path}");
        assert_eq!(status(&client, "GET", path, alice).await, 200, "{path}");
        assert_eq!(status(&client, "GET", path, alice).await, 429, "{path}");
    }
    // A route's own limit wins over its blueprint's.
    assert_eq!(status(&client, "GET", "/api/own", alice).await, 200);
    assert_eq!(status(&client, "GET", "/api/own", alice).await, 429);
    // A route outside the blueprint is not limited at all.
    for _ in 0..10 {
        assert_eq!(status(&client, "GET", "/free", alice).await, 200);
    }
}

#[tokio::test]
async fn the_app_default_limits_every_other_route_and_can_be_turned_off() {
    let config = Config::from_vars([("RATE_LIMIT_DEFAULT", "1/hour")]).unwrap();
    let client = TestClient::new(app().configure(&config).unwrap());
    let alice = "192.0.2.1:5000";
    assert_eq!(status(&client, "GET", "/free", alice).await, 200);
    let res = client
        .get("/free")
        .remote_addr(alice.parse().unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.header("retry-after"), Some("3600"));
    // The blueprint's own limit still rules its routes.
    assert_eq!(status(&client, "GET", "/api/a", alice).await, 200);
    assert_eq!(status(&client, "GET", "/api/a", alice).await, 200);

    let off = Config::from_vars([
        ("RATE_LIMIT_DEFAULT", "1/hour"),
        ("RATE_LIMIT_ENABLED", "false"),
    ])
    .unwrap();
    let client = TestClient::new(app().configure(&off).unwrap());
    for _ in 0..5 {
        assert_eq!(status(&client, "POST", "/login", alice).await, 200);
        assert_eq!(status(&client, "GET", "/free", alice).await, 200);
    }
}

#[tokio::test]
async fn the_default_set_by_method() {
    let app = App::new()
        .register(routes![free])
        .default_rate_limit("1/minute".parse().unwrap())
        .rate_limit_store(RateLimitStore::memory());
    let client = TestClient::new(app);
    assert_eq!(status(&client, "GET", "/free", "192.0.2.1:1").await, 200);
    assert_eq!(status(&client, "GET", "/free", "192.0.2.1:1").await, 429);
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_a_trusted_proxy() {
    let config = Config::from_vars([("TRUSTED_PROXIES", "127.0.0.1")]).unwrap();
    let client = TestClient::new(app().configure(&config).unwrap());
    let post = |proxy: &'static str, forwarded: &'static str| {
        client
            .post("/login")
            .remote_addr(proxy.parse().unwrap())
            .header("x-forwarded-for", forwarded)
    };
    // Through the proxy: each forwarded client has its own allowance.
    for client in ["203.0.113.1", "203.0.113.2"] {
        assert_eq!(post("127.0.0.1:40000", client).await.status(), 200);
        assert_eq!(post("127.0.0.1:40001", client).await.status(), 200);
        assert_eq!(post("127.0.0.1:40002", client).await.status(), 429);
    }
    // Straight to the app, a forged header changes nothing: the peer is counted.
    let direct = "198.51.100.9:1000";
    assert_eq!(post(direct, "203.0.113.3").await.status(), 200);
    assert_eq!(post(direct, "203.0.113.4").await.status(), 200);
    assert_eq!(post(direct, "203.0.113.5").await.status(), 429);
}

mod handled {
    use super::*;

    #[get("/limited", rate_limit = "1/minute")]
    async fn limited() -> &'static str {
        "limited"
    }

    #[errorhandler(429)]
    async fn too_many() -> (StatusCode, &'static str) {
        (StatusCode::TOO_MANY_REQUESTS, "slow down, please")
    }

    #[after_request]
    async fn stamp(mut response: Response) -> Response {
        response
            .headers_mut()
            .insert("x-after", http::HeaderValue::from_static("ran"));
        response
    }

    #[tokio::test]
    async fn an_errorhandler_for_429_gives_the_page_and_retry_after_stays() {
        let app = App::new().register(routes![limited, too_many, stamp]);
        let client = TestClient::new(app);
        assert_eq!(client.get("/limited").await.text(), "limited");
        let res = client.get("/limited").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(res.text(), "slow down, please");
        assert_eq!(res.header("retry-after"), Some("60"));
        // The after hooks ran on the page, as on any handled error.
        assert_eq!(res.header("x-after"), Some("ran"));
    }
}

#[test]
fn a_store_that_is_not_one_is_a_setting_error() {
    let config = Config::from_vars([("RATE_LIMIT_STORE", "memcached://cache")]).unwrap();
    let error = app().configure(&config).unwrap_err();
    assert!(error.to_string().contains("RATE_LIMIT_STORE"), "{error}");
}
