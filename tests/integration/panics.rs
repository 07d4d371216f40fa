//! Panics in a view (async or a plain `fn` on the blocking pool), a hook, an error handler and a template, served over a real
//! socket: each is a 500 through the app's `errorhandler(500)`, is logged with the
//! request's method and path, and the server goes on serving.

use std::sync::{Arc, Mutex};

use framework_core::prelude::*;
use framework_core::templates::Page;
use http::Uri;
use tokio::net::TcpListener;

use crate::support::raw_get;

#[get("/hello")]
async fn hello() -> &'static str {
    "Hello, World!"
}

#[get("/view")]
async fn view() -> &'static str {
    panic!("the view broke")
}

#[get("/sync")]
fn sync_view() -> &'static str {
    panic!("the plain fn view broke")
}

#[get("/plain")]
async fn plain() -> &'static str {
    panic!("the plain view broke")
}

#[get("/hook")]
async fn hooked() -> &'static str {
    "not reached"
}

#[before_request]
async fn guard(uri: Uri) {
    if uri.path() == "/hook" {
        panic!("the hook broke");
    }
}

#[derive(askama::Template)]
#[template(source = "<p>{{ self.explode() }}</p>", ext = "html")]
struct Exploding;

impl Exploding {
    fn explode(&self) -> String {
        panic!("the template broke")
    }
}

#[get("/template")]
async fn template() -> Page<Exploding> {
    Page(Exploding)
}

#[errorhandler(404)]
async fn not_found() -> (StatusCode, &'static str) {
    panic!("the 404 handler broke")
}

#[errorhandler(500)]
async fn server_error() -> (StatusCode, &'static str) {
    (StatusCode::INTERNAL_SERVER_ERROR, "the app's own 500 page")
}

/// What the tracing subscriber wrote.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_panic_anywhere_is_the_apps_500_logged_with_the_route_and_serving_goes_on() {
    // With a single subscriber registered, tracing-core works out each new callsite's
    // interest from the default subscriber of the thread that first reaches it: a
    // callsite first reached by a test running on another thread, which has none,
    // would stay off for this one too. A second registered subscriber (that wants
    // nothing) makes every callsite ask the subscriber of the thread logging.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::ERROR)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // One thread: every task of the server logs through the subscriber above.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = App::new().register(routes![
            hello,
            view,
            hooked,
            sync_view,
            guard,
            template,
            not_found,
            server_error
        ]);
        let server = tokio::spawn(app.serve_with_shutdown(listener, async move {
            let _ = stopped.await;
        }));
        for path in ["/view", "/sync", "/hook", "/template", "/nowhere"] {
            let response = raw_get(address, path).await;
            assert!(response.starts_with("HTTP/1.1 500"), "{path}: {response}");
            assert!(
                response.ends_with("the app's own 500 page"),
                "{path}: {response}"
            );
            assert!(
                response
                    .to_ascii_lowercase()
                    .contains("x-content-type-options: nosniff"),
                "{path}: {response}"
            );
            // The worker is still there.
            let response = raw_get(address, "/hello").await;
            assert!(
                response.ends_with("Hello, World!"),
                "after {path}: {response}"
            );
        }
        stop.send(()).unwrap();
        server.await.unwrap().unwrap();

        // An app without hooks or handlers: the default 500 page, and serving goes on.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = App::new().register(routes![hello, plain]);
        let server = tokio::spawn(app.serve_with_shutdown(listener, async move {
            let _ = stopped.await;
        }));
        let response = raw_get(address, "/plain").await;
        assert!(response.starts_with("HTTP/1.1 500"), "{response}");
        assert!(
            response.contains("<title>500 Internal Server Error</title>"),
            "{response}"
        );
        let response = raw_get(address, "/hello").await;
        assert!(response.ends_with("Hello, World!"), "{response}");
        stop.send(()).unwrap();
        server.await.unwrap().unwrap();
    });
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    for (path, message) in [
        ("/view", "the view broke"),
        ("/sync", "the plain fn view broke"),
        ("/hook", "the hook broke"),
        ("/template", "the template broke"),
        ("/nowhere", "the 404 handler broke"),
        ("/plain", "the plain view broke"),
    ] {
        let route = format!("method=GET path=\"{path}\"");
        assert!(
            logs.lines()
                .any(|line| line.contains(message) && line.contains(&route)),
            "no log line for {message:?} with {route} in:\n{logs}"
        );
    }
}
