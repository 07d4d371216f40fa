//! `TRUSTED_PROXIES`: `X-Forwarded-*` headers from a trusted proxy give the client's
//! address, scheme, host and prefix (external URLs and HSTS follow); the same headers
//! from anyone else are ignored.

use std::net::SocketAddr;

use framework_core::config::Config;
use framework_core::extract::ClientAddr;
use framework_core::prelude::*;
use framework_core::security::DEFAULT_HSTS;
use framework_core::testing::TestClient;
use framework_core::url::UrlBase;

#[get("/")]
async fn index() -> &'static str {
    "index"
}

#[get("/who")]
async fn who(ClientAddr(addr): ClientAddr, base: UrlBase) -> String {
    format!("{addr} {}", url_for!(index, _external = base))
}

fn app(settings: &[(&str, &str)]) -> App {
    let config = Config::from_vars(settings.iter().copied()).unwrap();
    App::new()
        .register(routes![index, who])
        .configure(&config)
        .unwrap()
}

fn addr(text: &str) -> SocketAddr {
    text.parse().unwrap()
}

const FORWARDED: [(&str, &str); 4] = [
    ("x-forwarded-for", "203.0.113.7"),
    ("x-forwarded-proto", "https"),
    ("x-forwarded-host", "example.com"),
    ("x-forwarded-prefix", "/shop"),
];

#[tokio::test]
async fn a_trusted_proxy_names_the_client_scheme_host_and_prefix() {
    let client = TestClient::new(app(&[
        ("TRUSTED_PROXIES", "127.0.0.1, ::1"),
        ("APP_ENV", "production"),
    ]));
    let mut request = client.get("/who").remote_addr(addr("127.0.0.1:40000"));
    for (name, value) in FORWARDED {
        request = request.header(name, value);
    }
    let res = request.await;
    assert_eq!(res.text(), "203.0.113.7 https://example.com/shop/");
    // The request came over HTTPS as far as the browser knows: HSTS is sent.
    assert_eq!(res.header("strict-transport-security"), Some(DEFAULT_HSTS));
}

#[tokio::test]
async fn the_same_headers_from_anyone_else_are_ignored() {
    let client = TestClient::new(app(&[
        ("TRUSTED_PROXIES", "127.0.0.1"),
        ("APP_ENV", "production"),
    ]));
    let mut request = client.get("/who").remote_addr(addr("198.51.100.2:5000"));
    for (name, value) in FORWARDED {
        request = request.header(name, value);
    }
    let res = request.await;
    assert_eq!(res.text(), "198.51.100.2 http://localhost/");
    assert_eq!(res.header("strict-transport-security"), None);
}

#[tokio::test]
async fn without_trusted_proxies_no_header_is_believed() {
    let client = TestClient::new(app(&[]));
    let mut request = client.get("/who");
    for (name, value) in FORWARDED {
        request = request.header(name, value);
    }
    assert_eq!(request.await.text(), "127.0.0.1 http://localhost/");
}

#[tokio::test]
async fn a_chain_of_proxies_is_walked_back_to_the_client() {
    let client = TestClient::new(app(&[("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")]));
    let res = client
        .get("/who")
        .remote_addr(addr("127.0.0.1:1"))
        .header("x-forwarded-for", "6.6.6.6, 203.0.113.7, 10.0.0.5")
        .await;
    assert!(res.text().starts_with("203.0.113.7 "), "{}", res.text());
}

#[tokio::test]
async fn a_bad_setting_is_an_error_naming_it() {
    let config = Config::from_vars([("TRUSTED_PROXIES", "nginx")]).unwrap();
    let error = App::new().configure(&config).unwrap_err();
    assert!(error.to_string().contains("TRUSTED_PROXIES"), "{error}");
}

mod served {
    //! Over a real socket: the connection's peer is what `TRUSTED_PROXIES` checks.
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    async fn who_over_socket(settings: &[(&str, &str)]) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(app(settings).serve_with_shutdown(listener, async move {
            let _ = stopped.await;
        }));
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream
            .write_all(
                b"GET /who HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.7\r\nConnection: close\r\n\r\n",
            )
            .await
            .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        stop.send(()).unwrap();
        server.await.unwrap().unwrap();
        response
    }

    #[tokio::test]
    async fn a_forged_header_sent_straight_to_the_app_is_ignored() {
        let response = who_over_socket(&[("TRUSTED_PROXIES", "10.0.0.1")]).await;
        assert!(
            response.ends_with("\r\n\r\n127.0.0.1 http://localhost/"),
            "{response}"
        );
    }

    #[tokio::test]
    async fn the_same_header_from_a_trusted_peer_is_believed() {
        let response = who_over_socket(&[("TRUSTED_PROXIES", "127.0.0.1")]).await;
        assert!(
            response.ends_with("\r\n\r\n203.0.113.7 http://localhost/"),
            "{response}"
        );
    }
}

mod prefix {
    //! `X-Forwarded-Prefix` from a trusted proxy is the script root of every URL the
    //! app builds (Werkzeug's `ProxyFix(x_prefix=1)` setting `SCRIPT_NAME`).

    use super::*;

    #[get("/post/<id>")]
    async fn post(id: u64) -> String {
        url_for!(post, id = id).to_string()
    }

    #[get("/go")]
    async fn go() -> Response {
        redirect(url_for!(post, id = 3))
    }

    #[get("/plain")]
    fn plain() -> String {
        format!(
            "{} {}",
            url_for!(post, id = 1),
            framework_core::url::script_root()
        )
    }

    #[get("/dir/")]
    async fn dir() -> &'static str {
        "dir"
    }

    #[get("/external")]
    async fn external(base: UrlBase) -> String {
        url_for!(post, id = 2, _external = base).to_string()
    }

    fn client() -> TestClient {
        let config = Config::from_vars([("TRUSTED_PROXIES", "127.0.0.1")]).unwrap();
        let app = App::new()
            .register(routes![post, go, plain, dir, external])
            .configure(&config)
            .unwrap();
        TestClient::new(app).follow_redirects(false)
    }

    fn through_proxy<'c>(
        client: &'c TestClient,
        path: &str,
        prefix: &str,
    ) -> framework_core::testing::TestRequest<'c> {
        client
            .get(path)
            .remote_addr(addr("127.0.0.1:40000"))
            .header("x-forwarded-prefix", prefix)
    }

    #[tokio::test]
    async fn urls_and_redirects_carry_the_prefix() {
        let client = client();
        assert_eq!(
            through_proxy(&client, "/post/7", "/blog").await.text(),
            "/blog/post/7"
        );
        let res = through_proxy(&client, "/go", "/blog/").await;
        assert_eq!(res.header("location"), Some("/blog/post/3"));
        // A plain `fn` handler runs on the blocking pool, with the prefix.
        assert_eq!(
            through_proxy(&client, "/plain", "/blog").await.text(),
            "/blog/post/1 /blog"
        );
        let res = through_proxy(&client, "/dir", "/blog").await;
        assert_eq!(res.header("location"), Some("/blog/dir/"));
        // External: the prefix once, not twice.
        assert_eq!(
            through_proxy(&client, "/external", "/blog").await.text(),
            "http://localhost/blog/post/2"
        );
    }

    #[tokio::test]
    async fn no_prefix_from_anyone_else_nor_a_prefix_that_is_not_a_path() {
        let client = client();
        let res = client
            .get("/post/7")
            .remote_addr(addr("198.51.100.2:5000"))
            .header("x-forwarded-prefix", "/blog")
            .await;
        assert_eq!(res.text(), "/post/7");
        for bad in ["//evil.example", "/\\evil.example", "/a?b", "/a#b", "blog"] {
            assert_eq!(
                through_proxy(&client, "/post/7", bad).await.text(),
                "/post/7",
                "{bad}"
            );
        }
        // Each request its own: the next one without the header has no prefix.
        assert_eq!(
            through_proxy(&client, "/post/7", "/blog").await.text(),
            "/blog/post/7"
        );
        let res = client
            .get("/post/7")
            .remote_addr(addr("127.0.0.1:40000"))
            .await;
        assert_eq!(res.text(), "/post/7");
    }
}
