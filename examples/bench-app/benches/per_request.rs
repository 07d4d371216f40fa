//! What the framework adds to a request, measured in process (no sockets, no HTTP
//! parsing): each benchmark sends one request through a router built once, and each
//! feature has a baseline beside it that differs only by that feature, so the cost
//! of a hook, an error handler, `G` or a page context is the difference between the
//! two. URL building is measured on its own.
//!
//! Run with `cargo bench -p bench-app --bench per_request`. The figures are
//! nanoseconds on this machine; compare rows of one run, not runs of two machines.
#![forbid(unsafe_code)]

use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use framework_core::config::Config;
use framework_core::prelude::*;
use framework_sessions::{PageContext, SessionLayer, SessionSettings, Store};
use tower::ServiceExt;

fn main() {
    divan::main();
}

/// The runtime every request runs on (one thread, as a benchmark iteration is one
/// request at a time).
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a current-thread runtime")
    })
}

/// Sends `GET uri` through `router` and checks the status it must answer, so a
/// benchmark that silently measured an error page would fail instead.
fn get(router: &Router, uri: &str, status: StatusCode) {
    let request = Request::get(uri)
        .body(Body::empty())
        .expect("a valid request");
    let response = runtime()
        .block_on(router.clone().oneshot(request))
        .expect("routers are infallible");
    assert_eq!(response.status(), status, "GET {uri}");
}

fn router(app: App) -> Router {
    app.into_router().expect("the benchmark apps build")
}

#[get("/plain")]
async fn plain() -> &'static str {
    "plain"
}

/// `N` before-request and `N` after-request hooks, each doing nothing, so what is
/// measured is the chain that runs them.
macro_rules! hooks {
    ($($before:ident $after:ident),* $(,)?) => {
        $(
            #[before_request]
            async fn $before() {}

            #[after_request]
            async fn $after(response: Response) -> Response {
                response
            }
        )*

        /// The plain route with the first `n` pairs of hooks.
        fn with_hooks(n: usize) -> App {
            let mut app = App::new().register(routes![plain]);
            let mut registered = 0;
            $(
                if registered < n {
                    app = app.register(routes![$before, $after]);
                }
                registered += 1;
            )*
            assert!(registered >= n, "only {registered} hook pairs are defined");
            app
        }
    };
}

hooks!(b1 a1, b2 a2, b3 a3, b4 a4, b5 a5, b6 a6, b7 a7, b8 a8);

/// One request through `n` before- and `n` after-request hooks (0: the route alone).
#[divan::bench(args = [0, 1, 4, 8])]
fn hook_chain(bencher: divan::Bencher, n: usize) {
    let router = router(with_hooks(n));
    bencher.bench_local(|| get(&router, "/plain", StatusCode::OK));
}

#[errorhandler(404)]
async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "no such page")
}

/// A 404: the framework's own answer, then the app's error handler for it (the
/// difference is finding and running the handler).
#[divan::bench(args = ["default", "handler"])]
fn not_found_page(bencher: divan::Bencher, page: &str) {
    let app = App::new().register(routes![plain]);
    let app = match page {
        "handler" => app.register(routes![not_found]),
        _ => app,
    };
    let router = router(app);
    bencher.bench_local(|| get(&router, "/missing", StatusCode::NOT_FOUND));
}

#[derive(Clone)]
struct Visitor(u64);

#[get("/g")]
async fn with_g(g: G) -> String {
    g.insert(Visitor(7));
    let visitor: Option<Visitor> = g.get();
    visitor.map_or(0, |v| v.0).to_string()
}

#[get("/no-g")]
async fn without_g() -> String {
    7u64.to_string()
}

/// A view that stores a value in `G` and reads it back, beside the same view
/// without `G`.
#[divan::bench(args = ["/no-g", "/g"])]
fn request_globals(bencher: divan::Bencher, uri: &str) {
    let router = router(App::new().register(routes![with_g, without_g]));
    bencher.bench_local(|| get(&router, uri, StatusCode::OK));
}

#[get("/page")]
async fn page(ctx: PageContext) -> String {
    ctx.path
}

#[get("/no-page")]
async fn no_page() -> String {
    "/no-page".to_owned()
}

/// A view that takes the page context (session, CSRF token, user, `G`) beside one
/// that does not, both behind the session layer, for a new visitor.
#[divan::bench(args = ["/no-page", "/page"])]
fn page_context(bencher: divan::Bencher, uri: &str) {
    let config = Config::from_vars([("SECRET_KEY", "per_request bench: not a secret")])
        .expect("static configuration");
    let settings = SessionSettings::from_config(&config).expect("static configuration");
    let app = App::new()
        .register(routes![page, no_page])
        .layer(SessionLayer::new(settings, Store::memory()));
    let router = router(app);
    bencher.bench_local(|| get(&router, uri, StatusCode::OK));
}

#[get("/users/<id>/posts/<slug>")]
async fn post(id: u64, slug: String) -> String {
    format!("{id} {slug}")
}

/// Building a URL with two parameters (one escaped) to a string, as a template does
/// for each link (outside a request: the app's root is `/`).
#[divan::bench]
fn url_building(bencher: divan::Bencher) {
    // The route is an app's, as every route with a link is.
    let _app = router(App::new().register(routes![post]));
    bencher.bench_local(|| {
        url_for!(
            post,
            id = divan::black_box(7),
            slug = divan::black_box("hello world")
        )
        .to_string()
    });
}
