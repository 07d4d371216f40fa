//! The server's limits, tried over a real socket on 127.0.0.1: oversized heads and
//! URIs, slow heads, slow handlers, too many connections, a shutdown that cannot
//! wait for ever, and the client's address reaching the handler.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use framework_core::config::Config;
use framework_core::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

#[get("/hello")]
async fn hello() -> &'static str {
    "Hello, World!"
}

#[get("/slow")]
async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(5)).await;
    "finally"
}

/// Answers after a short wait, long enough for a client to close meanwhile.
#[get("/nap")]
async fn nap() -> &'static str {
    tokio::time::sleep(Duration::from_millis(300)).await;
    "rested"
}

/// Computes (blocking its thread) before it first waits.
#[get("/busy")]
async fn busy() -> &'static str {
    std::thread::sleep(Duration::from_millis(400));
    tokio::time::sleep(Duration::from_millis(400)).await;
    "done"
}

#[get("/whoami")]
async fn whoami(ConnectInfo(addr): ConnectInfo<SocketAddr>) -> String {
    addr.ip().to_string()
}

/// A served app and the way to stop it.
struct Server {
    address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), framework_core::serve::ServeError>>,
}

impl Server {
    async fn start(settings: &[(&str, &str)]) -> Server {
        let config = Config::from_vars(settings.iter().copied()).unwrap();
        let app = App::new()
            .register(routes![hello, slow, nap, busy, whoami])
            .configure(&config)
            .unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(app.serve_with_shutdown(listener, async move {
            let _ = stopped.await;
        }));
        Server {
            address,
            stop: Some(stop),
            task,
        }
    }

    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the server stops")
            .unwrap()
            .expect("cleanly");
    }
}

/// Sends `raw` and reads until the server closes or `wait` passes.
async fn exchange(address: SocketAddr, raw: &[u8], wait: Duration) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(raw).await.unwrap();
    read_all(&mut stream, wait).await
}

async fn read_all(stream: &mut TcpStream, wait: Duration) -> String {
    let mut response = Vec::new();
    let _ = tokio::time::timeout(wait, stream.read_to_end(&mut response)).await;
    String::from_utf8_lossy(&response).into_owned()
}

fn get(path: &str, extra: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{extra}Connection: close\r\n\r\n")
        .into_bytes()
}

const WAIT: Duration = Duration::from_secs(5);

#[tokio::test]
async fn a_head_too_large_or_with_too_many_fields_is_a_431() {
    let server = Server::start(&[]).await;
    let big = format!("X-Big: {}\r\n", "a".repeat(20 * 1024));
    let response = exchange(server.address, &get("/hello", &big), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 431"), "{response}");

    let many: String = (0..101).map(|i| format!("X-H{i}: v\r\n")).collect();
    let response = exchange(server.address, &get("/hello", &many), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 431"), "{response}");

    // Just under the limits is served.
    let fine = format!("X-Big: {}\r\n", "a".repeat(8 * 1024));
    let response = exchange(server.address, &get("/hello", &fine), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    server.stop().await;
}

#[tokio::test]
async fn the_limits_are_settings() {
    let server = Server::start(&[("MAX_HEADER_SIZE", "2048"), ("MAX_HEADER_COUNT", "5")]).await;
    let big = format!("X-Big: {}\r\n", "a".repeat(3 * 1024));
    let response = exchange(server.address, &get("/hello", &big), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 431"), "{response}");
    let many: String = (0..5).map(|i| format!("X-H{i}: v\r\n")).collect();
    let response = exchange(server.address, &get("/hello", &many), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 431"), "{response}");
    let response = exchange(server.address, &get("/hello", ""), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    server.stop().await;
}

#[tokio::test]
async fn a_uri_too_long_is_a_414_page_with_the_security_headers() {
    let server = Server::start(&[("MAX_URI_LENGTH", "1024")]).await;
    let path = format!("/hello?q={}", "a".repeat(1100));
    let response = exchange(server.address, &get(&path, ""), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 414"), "{response}");
    assert!(response.contains("1024 bytes"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("x-content-type-options: nosniff"),
        "{response}"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_slow_head_is_a_408_and_an_idle_connection_is_closed() {
    let server = Server::start(&[("REQUEST_HEADER_TIMEOUT", "0.3")]).await;
    // Half a head, then nothing: a 408 page with the security headers, then the
    // connection closes.
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream
        .write_all(b"GET /hello HTTP/1.1\r\nHost: lo")
        .await
        .unwrap();
    let mut response = Vec::new();
    let closed = tokio::time::timeout(WAIT, stream.read_to_end(&mut response)).await;
    assert!(closed.is_ok(), "the slow head's connection was left open");
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(
        response.contains("x-content-type-options: nosniff"),
        "{response}"
    );
    assert!(response.contains("connection: close"), "{response}");

    // A keep-alive connection idle after its first request is closed without a word.
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream
        .write_all(b"GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut response = Vec::new();
    let closed = tokio::time::timeout(WAIT, stream.read_to_end(&mut response)).await;
    assert!(closed.is_ok(), "the idle connection was left open");
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("Hello, World!"), "{response}");

    // The second request of a connection, left half-sent, is a 408 too.
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream
        .write_all(b"GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut first = Vec::new();
    while !first.ends_with(b"Hello, World!") {
        let mut buf = [0; 1024];
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "closed before the first answer");
        first.extend_from_slice(&buf[..n]);
    }
    stream.write_all(b"GET /hello HTTP/1.1\r\n").await.unwrap();
    let response = read_all(&mut stream, WAIT).await;
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    server.stop().await;
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_a_503() {
    let server = Server::start(&[("REQUEST_TIMEOUT", "0.3")]).await;
    let response = exchange(server.address, &get("/slow", ""), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    assert!(response.contains("took too long"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("x-frame-options: deny"),
        "{response}"
    );
    // The server goes on serving.
    let response = exchange(server.address, &get("/hello", ""), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    server.stop().await;

    // The time counts from the request's start, not from when it first waits:
    // 0.4 s of computing and 0.4 s of waiting pass a limit of 0.6 s.
    let server = Server::start(&[("REQUEST_TIMEOUT", "0.6")]).await;
    let response = exchange(server.address, &get("/busy", ""), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    server.stop().await;
}

#[tokio::test]
async fn past_max_connections_a_client_waits_for_a_free_one() {
    let server = Server::start(&[("MAX_CONNECTIONS", "1")]).await;
    let mut first = TcpStream::connect(server.address).await.unwrap();
    first
        .write_all(b"GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut buffer = [0u8; 1024];
    let n = first.read(&mut buffer).await.unwrap();
    assert!(String::from_utf8_lossy(&buffer[..n]).starts_with("HTTP/1.1 200"));

    // The first connection stays open: the second is not served meanwhile.
    let address = server.address;
    let second = tokio::spawn(async move { exchange(address, &get("/hello", ""), WAIT).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!second.is_finished(), "served past MAX_CONNECTIONS");
    drop(first);
    let response = second.await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    server.stop().await;
}

#[tokio::test]
async fn without_keep_alive_each_connection_carries_one_request() {
    let server = Server::start(&[("KEEP_ALIVE", "false")]).await;
    let response = exchange(
        server.address,
        b"GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n",
        WAIT,
    )
    .await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.to_ascii_lowercase().contains("connection: close"),
        "{response}"
    );
    server.stop().await;
}

/// Sends a request for `/nap`, closes the sending side (a half-close), and reads
/// what comes back.
async fn half_closed_nap(address: SocketAddr) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(&get("/nap", "")).await.unwrap();
    stream.shutdown().await.unwrap();
    read_all(&mut stream, WAIT).await
}

#[tokio::test]
async fn a_client_that_closes_its_side_still_gets_its_answer_unless_told_otherwise() {
    let server = Server::start(&[]).await;
    let response = half_closed_nap(server.address).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("rested"), "{response}");
    server.stop().await;

    // With CANCEL_ON_CLIENT_CLOSE the close is noticed and the request dropped.
    let server = Server::start(&[("CANCEL_ON_CLIENT_CLOSE", "true")]).await;
    let response = half_closed_nap(server.address).await;
    assert_eq!(response, "", "a dropped request has no answer");
    server.stop().await;
}

#[tokio::test]
async fn a_shutdown_waits_no_longer_than_shutdown_timeout() {
    let server = Server::start(&[("SHUTDOWN_TIMEOUT", "0.5")]).await;
    let address = server.address;
    let in_flight =
        tokio::spawn(async move { exchange(address, &get("/slow", ""), WAIT * 2).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The slow request would take 5 s; the server stops after about 0.5 s, cleanly.
    let stopped = tokio::time::timeout(Duration::from_secs(3), server.stop()).await;
    assert!(stopped.is_ok(), "the shutdown waited past SHUTDOWN_TIMEOUT");
    in_flight.abort();
}

#[tokio::test]
async fn the_handler_sees_the_client_address() {
    let server = Server::start(&[]).await;
    let response = exchange(server.address, &get("/whoami", ""), WAIT).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("127.0.0.1"), "{response}");
    server.stop().await;
}
