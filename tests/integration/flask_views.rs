//! Flask's `tests/test_views.py`: the class-based views have no counterpart here (a
//! route is a function; several methods are `methods = [..]` or one function per
//! method), so what is ported is the behaviour every one of those tests checks.

use framework_core::prelude::*;
use framework_core::testing::TestClient;

#[route("/", methods = [GET, POST])]
async fn index(method: Method) -> String {
    method.to_string()
}

/// Flask's `common_test`: GET and POST answer, PUT is a 405, OPTIONS lists the methods.
async fn common_test(app: App) {
    let client = TestClient::new(app);
    assert_eq!(client.get("/").await.text(), "GET");
    assert_eq!(client.post("/").await.text(), "POST");
    assert_eq!(
        client.put("/").await.status(),
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(
        client.options("/").await.header("allow"),
        Some("GET, HEAD, POST, OPTIONS")
    );
}

// Flask: test_basic_view
#[tokio::test]
async fn one_function_for_several_methods() {
    common_test(App::new().register(routes![index])).await;
}

mod per_method {
    use framework_core::prelude::*;

    #[get("/")]
    async fn get() -> &'static str {
        "GET"
    }

    #[post("/")]
    async fn post() -> &'static str {
        "POST"
    }

    pub fn app() -> App {
        App::new().register(routes![get, post])
    }
}

// Flask: test_method_based_view
#[tokio::test]
async fn one_function_per_method() {
    common_test(per_method::app()).await;
}

#[get("/")]
async fn implicit(method: Method) -> Response {
    let mut response = "Blub".into_response();
    response
        .headers_mut()
        .insert("x-method", HeaderValue::from_str(method.as_str()).unwrap());
    response
}

// Flask: test_implicit_head
#[tokio::test]
async fn head_runs_the_get_handler_which_sees_head() {
    let client = TestClient::new(App::new().register(routes![implicit]));
    let res = client.get("/").await;
    assert_eq!(res.text(), "Blub");
    assert_eq!(res.header("x-method"), Some("GET"));
    let res = client.head("/").await;
    assert!(res.bytes().is_empty());
    assert_eq!(res.header("x-method"), Some("HEAD"));
}

mod explicit {
    use framework_core::prelude::*;

    #[get("/")]
    async fn get() -> &'static str {
        "GET"
    }

    #[route("/", methods = [HEAD])]
    async fn head() -> Response {
        ([("x-method", "HEAD")], "").into_response()
    }

    pub fn app() -> App {
        App::new().register(routes![get, head])
    }
}

// Flask: test_explicit_head
#[tokio::test]
async fn an_explicit_head_route_answers_head() {
    let client = TestClient::new(explicit::app());
    assert_eq!(client.get("/").await.text(), "GET");
    let res = client.head("/").await;
    assert!(res.bytes().is_empty());
    assert_eq!(res.header("x-method"), Some("HEAD"));
}

mod twice {
    use framework_core::prelude::*;

    #[route("/", methods = [GET, POST])]
    pub async fn first(method: Method) -> String {
        method.to_string()
    }

    #[get("/")]
    pub async fn second() -> &'static str {
        "again"
    }
}

// Flask: test_endpoint_override (Flask asserts on a second view for one endpoint; here
// two app routes answering the same method and path are refused before serving, and
// inside one blueprint they are a build error: tests/ui/blueprint/fail/duplicate_route.rs)
#[test]
fn two_routes_for_one_method_and_path_are_refused() {
    let error = App::new()
        .register(routes![twice::first, twice::second])
        .into_router()
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("first"), "{message}");
    assert!(message.contains("second"), "{message}");
}
