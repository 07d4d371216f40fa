//! Which error handler takes an error: its type, then its status, then the catch-all
//! for HTTP errors, then the one for every error, each step innermost scope first;
//! teardown hooks see only the failures no handler took; `after_this_request`.

use framework_core::error::{AnyError, HttpError};
use framework_core::prelude::*;

use framework_core::testing::TestClient;

use crate::support::Trace;

#[derive(Debug, thiserror::Error)]
#[error("out of stock")]
pub struct OutOfStock;

#[derive(Debug, thiserror::Error)]
#[error("card declined")]
pub struct Declined;

#[errorhandler(HttpError)]
async fn app_http(error: HttpError) -> (StatusCode, String) {
    (
        error.status(),
        format!("app http {}", error.status().as_u16()),
    )
}

#[errorhandler(AnyError)]
async fn app_any(error: AnyError) -> (StatusCode, String) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        format!("app any: {}", *error),
    )
}

#[errorhandler(Declined)]
async fn app_declined(error: Declined) -> (StatusCode, String) {
    (
        StatusCode::PAYMENT_REQUIRED,
        format!("app declined: {error}"),
    )
}

#[teardown_request]
async fn app_teardown(Extension(trace): Extension<Trace>, error: Option<&Error>) {
    trace.push(match error {
        Some(error) => format!("teardown: {error}"),
        None => "teardown".to_owned(),
    });
}

#[get("/gone")]
async fn gone() -> Result<&'static str> {
    Err(abort(StatusCode::GONE))
}

#[get("/stock")]
async fn stock() -> Result<&'static str> {
    Err(OutOfStock.into())
}

#[get("/declined")]
async fn declined() -> Result<&'static str> {
    Err(Declined.into())
}

#[get("/panic")]
async fn panics() -> &'static str {
    panic!("a view panicked")
}

#[get("/present")]
async fn present(g: G) -> &'static str {
    g.after_this_request(|mut response| {
        response
            .headers_mut()
            .insert("x-first", HeaderValue::from_static("1"));
        response
    });
    g.after_this_request(|mut response| {
        let first = response.headers().contains_key("x-first");
        response.headers_mut().insert(
            "x-second-saw-first",
            HeaderValue::from_static(if first { "yes" } else { "no" }),
        );
        response
    });
    "present"
}

#[get("/present-then-fail")]
async fn present_then_fail(g: G) -> Result<&'static str> {
    g.after_this_request(|mut response| {
        response
            .headers_mut()
            .insert("x-present", HeaderValue::from_static("still"));
        response
    });
    Err(abort(StatusCode::CONFLICT))
}

#[blueprint(prefix = "/shop")]
mod shop {
    use framework_core::error::AnyError;
    use framework_core::prelude::*;

    #[errorhandler(AnyError)]
    async fn shop_any(error: AnyError) -> (StatusCode, String) {
        (
            error.status(),
            format!("shop any {}", error.status().as_u16()),
        )
    }

    #[errorhandler(super::OutOfStock)]
    async fn shop_stock(error: super::OutOfStock) -> (StatusCode, String) {
        (StatusCode::CONFLICT, format!("shop: {error}"))
    }

    #[get("/gone")]
    async fn gone() -> Result<&'static str> {
        Err(abort(StatusCode::GONE))
    }

    #[get("/stock")]
    async fn stock() -> Result<&'static str> {
        Err(super::OutOfStock.into())
    }

    #[get("/declined")]
    async fn declined() -> Result<&'static str> {
        Err(super::Declined.into())
    }
}

fn app(trace: &Trace) -> App {
    App::new()
        .register(routes![
            app_http,
            app_any,
            app_declined,
            app_teardown,
            gone,
            stock,
            declined,
            panics,
            present,
            present_then_fail
        ])
        .blueprint(shop::blueprint())
        .extension(trace.clone())
}

async fn get(trace: &Trace, path: &str) -> (StatusCode, String, Vec<String>) {
    let res = TestClient::new(app(trace)).get(path).send().await;
    (res.status(), res.text(), trace.take())
}

#[tokio::test]
async fn an_http_error_without_a_status_handler_goes_to_the_http_catch_all() {
    let trace = Trace::default();
    let (status, text, events) = get(&trace, "/gone").await;
    assert_eq!((status, text.as_str()), (StatusCode::GONE, "app http 410"));
    assert_eq!(events, ["teardown"]);
}

#[tokio::test]
async fn the_blueprints_catch_all_for_every_error_comes_after_the_apps_http_catch_all() {
    // Step 2 (status, then every HTTP error) goes through every scope before step 3.
    let trace = Trace::default();
    let (status, text, _) = get(&trace, "/shop/gone").await;
    assert_eq!((status, text.as_str()), (StatusCode::GONE, "app http 410"));
}

#[tokio::test]
async fn a_failure_goes_to_the_handler_for_every_error() {
    let trace = Trace::default();
    let (status, text, events) = get(&trace, "/stock").await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, "app any: out of stock")
    );
    // Handled by a handler: teardown sees no error.
    assert_eq!(events, ["teardown"]);
}

#[tokio::test]
async fn a_handler_for_the_type_comes_first_innermost_scope_first() {
    let trace = Trace::default();
    let (status, text, _) = get(&trace, "/shop/stock").await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::CONFLICT, "shop: out of stock")
    );

    // The app's handler for the type beats the blueprint's catch-all.
    let (status, text, _) = get(&trace, "/shop/declined").await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::PAYMENT_REQUIRED, "app declined: card declined")
    );
    let (status, text, _) = get(&trace, "/declined").await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::PAYMENT_REQUIRED, "app declined: card declined")
    );
}

#[tokio::test]
async fn a_panic_is_a_failure_for_the_catch_all() {
    let trace = Trace::default();
    let (status, text, _) = get(&trace, "/panic").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(text.starts_with("app any: handler panicked"), "{text}");
}

#[get("/fails")]
async fn fails() -> Result<&'static str> {
    Err(std::io::Error::other("disk on fire").into())
}

#[tokio::test]
async fn teardown_sees_a_failure_that_no_handler_took_even_after_the_500_page() {
    let trace = Trace::default();
    let res = TestClient::new(
        App::new()
            .register(routes![app_teardown, fails])
            .extension(trace.clone()),
    )
    .get("/fails")
    .send()
    .await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        !res.text().contains("disk on fire"),
        "the cause of a failure stays in the log: {}",
        res.text()
    );
    assert_eq!(trace.take(), ["teardown: disk on fire"]);
}

#[tokio::test]
async fn after_this_request_functions_run_in_order_also_on_error_pages() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    let res = client.get("/present").send().await;
    assert_eq!(res.header("x-first"), Some("1"));
    assert_eq!(res.header("x-second-saw-first"), Some("yes"));

    let res = client.get("/present-then-fail").send().await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(res.header("x-present"), Some("still"));

    // One request only.
    let res = client.get("/gone").send().await;
    assert_eq!(res.header("x-present"), None);
}

#[tokio::test]
async fn after_this_request_works_without_any_hook() {
    let res = TestClient::new(App::new().register(routes![present]))
        .get("/present")
        .send()
        .await;
    assert_eq!(res.header("x-first"), Some("1"));
}
