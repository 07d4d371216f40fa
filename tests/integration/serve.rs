//! Serving over a real socket on 127.0.0.1: requests are answered, and a shutdown
//! lets the request in flight finish before the server returns.

use std::time::Duration;

use framework_core::prelude::*;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

use crate::support::raw_get;

#[get("/hello")]
async fn hello() -> &'static str {
    "Hello, World!"
}

#[get("/slow")]
async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_millis(300)).await;
    "finally"
}

#[tokio::test]
async fn serves_and_shuts_down_gracefully() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(
        App::new()
            .register(routes![hello, slow])
            .serve_with_shutdown(listener, async move {
                let _ = stopped.await;
            }),
    );

    let response = raw_get(address, "/hello").await;
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(response.ends_with("Hello, World!"), "{response}");

    // Start a slow request, then ask the server to stop while it is in flight.
    let in_flight = tokio::spawn(raw_get(address, "/slow"));
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();

    let response = in_flight.await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(response.ends_with("finally"), "{response}");
    server.await.unwrap().expect("the server stops cleanly");

    // Nothing listens any more.
    assert!(TcpStream::connect(address).await.is_err());
}

#[tokio::test]
async fn a_conflicting_app_is_an_error_not_a_panic() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let result = App::new()
        .register(routes![hello, hello])
        .serve_with_shutdown(listener, async {})
        .await;
    let error = result.unwrap_err();
    assert!(error.to_string().contains("route conflict"), "{error}");
}

#[tokio::test]
async fn an_address_in_use_is_an_error_naming_it() {
    let taken = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let error = App::new().serve(&address).await.unwrap_err();
    assert!(error.to_string().contains(&address), "{error}");
}
