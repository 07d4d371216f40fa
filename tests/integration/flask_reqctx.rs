//! Flask's `tests/test_reqctx.py` (and the request-level parts of `test_appctx.py`),
//! ported: what the teardown hooks see, and requests with unusual hosts.

use framework_core::error::AnyError;
use framework_core::prelude::*;
use framework_core::testing::TestClient;

use crate::support::Trace;

#[teardown_request]
async fn end_of_request(Extension(trace): Extension<Trace>, error: Option<&Error>) {
    trace.push(match error {
        Some(error) => format!("teardown: {error}"),
        None => "teardown: none".to_owned(),
    });
}

#[get("/")]
async fn index() -> &'static str {
    "Hello World!"
}

#[get("/caught")]
async fn caught() -> &'static str {
    // An error the view deals with itself is nobody else's business.
    let parsed: Result<i32, _> = "dummy".parse();
    if parsed.is_err() { "caught" } else { "parsed" }
}

#[derive(Debug, thiserror::Error)]
#[error("dummy")]
pub struct Dummy;

#[get("/handled")]
async fn handled() -> Result<&'static str> {
    Err(Dummy.into())
}

#[errorhandler(AnyError)]
async fn handler(error: AnyError) -> Json<String> {
    Json(error.to_string())
}

#[get("/unhandled")]
async fn unhandled() -> Result<&'static str> {
    Err(std::io::Error::other("dummy value").into())
}

fn app(trace: &Trace) -> App {
    App::new()
        .register(routes![end_of_request, index, caught, unhandled])
        .extension(trace.clone())
}

// Flask: test_teardown_on_pop
#[tokio::test]
async fn teardown_sees_no_error_after_a_good_request() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    assert_eq!(client.get("/").await.text(), "Hello World!");
    assert_eq!(trace.take(), ["teardown: none"]);
}

// Flask: test_teardown_with_handled_exception, test_appctx.py's
// test_app_tearing_down_with_handled_exception_by_except_block
#[tokio::test]
async fn teardown_sees_no_error_the_view_caught_itself() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    assert_eq!(client.get("/caught").await.text(), "caught");
    assert_eq!(trace.take(), ["teardown: none"]);
}

// Flask: test_appctx.py's test_app_tearing_down_with_handled_exception_by_app_handler
// (teardown_request stands in for teardown_appcontext)
#[tokio::test]
async fn teardown_sees_no_error_an_error_handler_took() {
    let trace = Trace::default();
    let client = TestClient::new(
        App::new()
            .register(routes![end_of_request, handled, handler])
            .extension(trace.clone()),
    );
    let res = client.get("/handled").await;
    assert_eq!(res.json::<String>(), "dummy");
    assert_eq!(trace.take(), ["teardown: none"]);
}

// Flask: test_appctx.py's test_app_tearing_down_with_unhandled_exception
#[tokio::test]
async fn teardown_sees_the_error_no_handler_took() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    let res = client.get("/unhandled").await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(trace.take(), ["teardown: dummy value"]);
}

// Flask: test_environ_for_valid_idna_completes
#[tokio::test]
async fn a_host_of_non_ascii_letters_is_served() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    let res = client.get("/").host("ąśźäüжŠßя.com").await;
    assert_eq!(res.status(), StatusCode::OK);
}

// Flask: test_normal_environ_completes
#[tokio::test]
async fn a_punycode_host_is_served() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    let res = client.get("/").header("host", "xn--on-0ia.com").await;
    assert_eq!(res.status(), StatusCode::OK);
}
