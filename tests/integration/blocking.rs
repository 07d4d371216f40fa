//! A view that is a plain `fn` runs on the blocking pool: while it blocks, the async
//! workers go on answering other requests, even on a runtime with a single worker.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use framework_core::prelude::*;
use tokio::net::TcpListener;

use crate::support::raw_get;

/// Where the blocking view waits: it returns only when the test says so.
static RELEASE: Mutex<Option<Receiver<()>>> = Mutex::new(None);

#[get("/blocking")]
fn blocking() -> &'static str {
    let release = RELEASE
        .lock()
        .unwrap()
        .take()
        .expect("one blocking request");
    // Blocks this thread, as a synchronous database call or a password hash does.
    release
        .recv_timeout(Duration::from_secs(10))
        .expect("released by the test");
    "done blocking"
}

#[get("/hello")]
async fn hello() -> &'static str {
    "Hello, World!"
}

#[tokio::test(flavor = "current_thread")]
async fn a_blocking_plain_fn_view_does_not_stall_other_requests() {
    let (release, released): (Sender<()>, Receiver<()>) = channel();
    *RELEASE.lock().unwrap() = Some(released);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = App::new().register(routes![blocking, hello]);
    let server = tokio::spawn(app.serve_with_shutdown(listener, async move {
        let _ = stopped.await;
    }));

    let slow = tokio::spawn(raw_get(address, "/blocking"));
    // With the view on the runtime's only worker, nothing else could be answered
    // until it returned, and it returns only after this answer: a deadlock, ended by
    // the timeout.
    let hello = tokio::time::timeout(Duration::from_secs(5), raw_get(address, "/hello"))
        .await
        .expect("/hello answered while the plain fn view blocks");
    assert!(hello.ends_with("Hello, World!"), "{hello}");
    assert!(!slow.is_finished(), "the blocking view is still waiting");

    release.send(()).unwrap();
    let slow = slow.await.unwrap();
    assert!(slow.starts_with("HTTP/1.1 200"), "{slow}");
    assert!(slow.ends_with("done blocking"), "{slow}");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
