//! Flask's `tests/test_blueprints.py`, ported: a blueprint's error handlers and hooks
//! for its own routes, the app-wide ones, prefixes, links between app and blueprint,
//! and blueprint names.

use framework_core::app::BuildError;
use framework_core::prelude::*;
use framework_core::testing::TestClient;

use crate::support::Trace;

mod specific {
    use framework_core::prelude::*;

    #[blueprint]
    pub mod frontend {
        use framework_core::prelude::*;

        #[errorhandler(403)]
        async fn frontend_forbidden() -> (StatusCode, &'static str) {
            (StatusCode::FORBIDDEN, "frontend says no")
        }

        #[get("/frontend-no")]
        async fn frontend_no() -> Result<&'static str> {
            Err(abort(StatusCode::FORBIDDEN))
        }
    }

    #[blueprint]
    pub mod backend {
        use framework_core::prelude::*;

        #[errorhandler(403)]
        async fn backend_forbidden() -> (StatusCode, &'static str) {
            (StatusCode::FORBIDDEN, "backend says no")
        }

        #[get("/backend-no")]
        async fn backend_no() -> Result<&'static str> {
            Err(abort(StatusCode::FORBIDDEN))
        }
    }

    #[blueprint]
    pub mod sideend {
        use framework_core::prelude::*;

        #[get("/what-is-a-sideend")]
        async fn sideend_no() -> Result<&'static str> {
            Err(abort(StatusCode::FORBIDDEN))
        }
    }

    #[errorhandler(403)]
    async fn app_forbidden() -> (StatusCode, &'static str) {
        (StatusCode::FORBIDDEN, "application itself says no")
    }

    pub fn app() -> App {
        App::new()
            .blueprint(frontend::blueprint())
            .blueprint(backend::blueprint())
            .blueprint(sideend::blueprint())
            .register(routes![app_forbidden])
    }
}

// Flask: test_blueprint_specific_error_handling
#[tokio::test]
async fn each_blueprints_status_handler_takes_its_own_routes_and_the_app_the_rest() {
    let client = TestClient::new(specific::app());
    assert_eq!(client.get("/frontend-no").await.text(), "frontend says no");
    assert_eq!(client.get("/backend-no").await.text(), "backend says no");
    assert_eq!(
        client.get("/what-is-a-sideend").await.text(),
        "application itself says no"
    );
}

#[derive(Debug, thiserror::Error)]
#[error("decorator")]
pub struct MyDecoratorException;

#[derive(Debug, thiserror::Error)]
#[error("function")]
pub struct MyFunctionException;

#[blueprint]
mod blue {
    use super::{MyDecoratorException, MyFunctionException};
    use framework_core::prelude::*;

    #[errorhandler(MyDecoratorException)]
    async fn decorator_handler(_error: MyDecoratorException) -> &'static str {
        "boom"
    }

    #[errorhandler(MyFunctionException)]
    async fn function_handler(_error: MyFunctionException) -> &'static str {
        "bam"
    }

    #[get("/decorator")]
    async fn blue_deco_test() -> Result<&'static str> {
        Err(MyDecoratorException.into())
    }

    #[get("/function")]
    async fn blue_func_test() -> Result<&'static str> {
        Err(MyFunctionException.into())
    }
}

// Flask: test_blueprint_specific_user_error_handling
#[tokio::test]
async fn a_blueprints_handlers_for_error_types_take_its_routes_errors() {
    let client = TestClient::new(App::new().blueprint(blue::blueprint()));
    assert_eq!(client.get("/decorator").await.text(), "boom");
    assert_eq!(client.get("/function").await.text(), "bam");
}

#[blueprint]
mod errors {
    use framework_core::prelude::*;

    #[app_errorhandler(403)]
    async fn forbidden_handler() -> (StatusCode, &'static str) {
        (StatusCode::FORBIDDEN, "you shall not pass")
    }
}

#[blueprint]
mod forbidden_bp {
    use framework_core::prelude::*;

    #[get("/nope")]
    async fn bp_forbidden() -> Result<&'static str> {
        Err(abort(StatusCode::FORBIDDEN))
    }
}

#[get("/forbidden")]
async fn app_forbidden() -> Result<&'static str> {
    Err(abort(StatusCode::FORBIDDEN))
}

// Flask: test_blueprint_app_error_handling
#[tokio::test]
async fn an_app_errorhandler_in_a_blueprint_takes_every_route_of_the_app() {
    let client = TestClient::new(
        App::new()
            .register(routes![app_forbidden])
            .blueprint(errors::blueprint())
            .blueprint(forbidden_bp::blueprint()),
    );
    let res = client.get("/forbidden").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(res.text(), "you shall not pass");
    assert_eq!(client.get("/nope").await.text(), "you shall not pass");
}

mod prefixes {
    #[framework_core::blueprint(name = "root_slash")]
    pub mod root_slash {
        use framework_core::prelude::*;

        #[get("/")]
        async fn index() -> StatusCode {
            StatusCode::NO_CONTENT
        }
    }

    #[framework_core::blueprint(name = "foo_root", prefix = "/foo")]
    pub mod foo_root {
        use framework_core::prelude::*;

        #[get("/")]
        async fn index() -> StatusCode {
            StatusCode::NO_CONTENT
        }
    }

    #[framework_core::blueprint(name = "foo_bar", prefix = "/foo")]
    pub mod foo_bar {
        use framework_core::prelude::*;

        #[get("/bar")]
        async fn index() -> StatusCode {
            StatusCode::NO_CONTENT
        }
    }

    #[framework_core::blueprint(name = "foo_slash_bar", prefix = "/foo/")]
    pub mod foo_slash_bar {
        use framework_core::prelude::*;

        #[get("/baz")]
        async fn index() -> StatusCode {
            StatusCode::NO_CONTENT
        }
    }
}

// Flask: test_blueprint_prefix_slash (the cases with a prefix and an absolute rule;
// a rule without a leading slash or with `//` is a build error here)
#[tokio::test]
async fn a_prefix_and_a_rule_join_with_one_slash() {
    let client = TestClient::new(
        App::new()
            .blueprint(prefixes::root_slash::blueprint())
            .blueprint(prefixes::foo_root::blueprint())
            .blueprint(prefixes::foo_bar::blueprint())
            .blueprint(prefixes::foo_slash_bar::blueprint()),
    );
    for url in ["/", "/foo/", "/foo/bar", "/foo/baz"] {
        assert_eq!(
            client.get(url).await.status(),
            StatusCode::NO_CONTENT,
            "{url}"
        );
    }
    assert_eq!(prefixes::foo_root::index::url().as_str(), "/foo/");
    assert_eq!(prefixes::foo_slash_bar::index::url().as_str(), "/foo/baz");
}

#[get("/")]
async fn app_index() -> String {
    url_for!(test::index).into_string()
}

#[blueprint]
mod test {
    use framework_core::prelude::*;

    #[get("/test/")]
    async fn index() -> String {
        url_for!(super::app_index).into_string()
    }
}

// Flask: test_dotted_names_from_app
#[tokio::test]
async fn the_app_links_to_a_blueprints_route_and_back() {
    let client = TestClient::new(
        App::new()
            .register(routes![app_index])
            .blueprint(test::blueprint()),
    );
    assert_eq!(client.get("/").await.text(), "/test/");
    assert_eq!(client.get("/test/").await.text(), "/");
}

#[blueprint(prefix = "/py")]
mod bp {
    use framework_core::prelude::*;

    #[get("/foo")]
    async fn foo() -> &'static str {
        "foo"
    }

    #[get("/bar/foo")]
    async fn bar_foo() -> &'static str {
        "bar_foo"
    }
}

#[get("/")]
async fn index() -> &'static str {
    "index"
}

// Flask: test_route_decorator_custom_endpoint (the default endpoint names only:
// custom names are not yet here)
#[test]
fn endpoints_are_the_function_names_inside_the_blueprints_name() {
    let app = App::new()
        .register(routes![index])
        .blueprint(bp::blueprint());
    let mut names: Vec<_> = app.routes().iter().map(|r| r.endpoint()).collect();
    names.sort_unstable();
    assert_eq!(names, ["bp.bar_foo", "bp.foo", "index"]);
}

mod processing {
    #[framework_core::blueprint(name = "bp")]
    pub mod bp {
        use framework_core::prelude::*;

        use crate::support::Trace;

        #[before_request]
        async fn before_bp(Extension(trace): Extension<Trace>) {
            trace.push("before");
        }

        #[after_request]
        async fn after_bp(mut response: Response, Extension(trace): Extension<Trace>) -> Response {
            trace.push("after");
            response
                .headers_mut()
                .insert("x-after", HeaderValue::from_static("bp"));
            response
        }

        #[teardown_request]
        async fn teardown_bp(Extension(trace): Extension<Trace>) {
            trace.push("teardown");
        }

        #[get("/bp")]
        async fn bp_endpoint() -> &'static str {
            "request"
        }
    }

    #[framework_core::blueprint(name = "app_wide")]
    pub mod app_wide {
        use framework_core::prelude::*;

        use crate::support::Trace;

        #[before_app_request]
        async fn before_app(Extension(trace): Extension<Trace>) {
            trace.push("before");
        }

        #[after_app_request]
        async fn after_app(mut response: Response, Extension(trace): Extension<Trace>) -> Response {
            trace.push("after");
            response
                .headers_mut()
                .insert("x-after", HeaderValue::from_static("app"));
            response
        }

        #[teardown_app_request]
        async fn teardown_app(Extension(trace): Extension<Trace>) {
            trace.push("teardown");
        }
    }
}

#[get("/")]
async fn bp_endpoint() -> &'static str {
    "request"
}

// Flask: test_request_processing
#[tokio::test]
async fn a_blueprints_hooks_run_around_its_routes() {
    let trace = Trace::default();
    let client = TestClient::new(
        App::new()
            .blueprint(processing::bp::blueprint())
            .register(routes![bp_endpoint])
            .extension(trace.clone()),
    );
    assert!(trace.take().is_empty());
    let res = client.get("/bp").await;
    assert_eq!(res.text(), "request");
    assert_eq!(res.header("x-after"), Some("bp"));
    assert_eq!(trace.take(), ["before", "after", "teardown"]);
    // Not around the app's routes.
    client.get("/").await;
    assert!(trace.take().is_empty());
}

// Flask: test_app_request_processing
#[tokio::test]
async fn a_blueprints_app_hooks_run_around_every_request() {
    let trace = Trace::default();
    let client = TestClient::new(
        App::new()
            .blueprint(processing::app_wide::blueprint())
            .register(routes![bp_endpoint])
            .extension(trace.clone()),
    );
    assert!(trace.take().is_empty());
    for _ in 0..2 {
        let res = client.get("/").await;
        assert_eq!(res.text(), "request");
        assert_eq!(res.header("x-after"), Some("app"));
        assert_eq!(trace.take(), ["before", "after", "teardown"]);
    }
}

mod names {
    #[framework_core::blueprint(name = "same")]
    pub mod one {
        use framework_core::prelude::*;

        #[get("/one")]
        async fn one() -> &'static str {
            "one"
        }
    }

    #[framework_core::blueprint(name = "same")]
    pub mod two {
        use framework_core::prelude::*;

        #[get("/two")]
        async fn two() -> &'static str {
            "two"
        }
    }
}

// Flask: test_unique_blueprint_names (the same blueprint twice, and two blueprints of
// one name; registering under another name is not yet here)
#[test]
fn two_blueprints_of_one_name_are_an_error() {
    let error = App::new()
        .blueprint(names::one::blueprint())
        .blueprint(names::one::blueprint())
        .into_router()
        .unwrap_err();
    assert_eq!(error, BuildError::DuplicateBlueprint("same"));

    let error = App::new()
        .blueprint(names::one::blueprint())
        .blueprint(names::two::blueprint())
        .into_router()
        .unwrap_err();
    assert_eq!(error, BuildError::DuplicateBlueprint("same"));
}

mod custom_endpoint {
    #[framework_core::blueprint(name = "bp", prefix = "/py")]
    pub mod bp {
        use framework_core::prelude::*;

        #[get("/foo")]
        async fn foo() -> &'static str {
            "foo"
        }

        #[get("/bar", endpoint = "bar")]
        async fn foo_bar() -> &'static str {
            "bar"
        }

        #[get("/bar/123", endpoint = "123")]
        async fn foo_bar_foo() -> &'static str {
            "123"
        }

        #[get("/bar/foo")]
        async fn bar_foo() -> &'static str {
            "bar_foo"
        }
    }
}

// Flask: test_route_decorator_custom_endpoint
#[tokio::test]
async fn an_endpoint_may_be_named_and_gets_the_blueprints_name_in_front() {
    let app = App::new()
        .register(routes![index])
        .blueprint(custom_endpoint::bp::blueprint());
    let mut names: Vec<_> = app.routes().iter().map(|r| r.endpoint()).collect();
    names.sort_unstable();
    assert_eq!(names, ["bp.123", "bp.bar", "bp.bar_foo", "bp.foo", "index"]);
    let client = TestClient::new(app);
    assert_eq!(client.get("/").await.text(), "index");
    assert_eq!(client.get("/py/bar").await.text(), "bar");
    assert_eq!(client.get("/py/bar/123").await.text(), "123");
}

mod nesting {
    #[framework_core::blueprint(name = "parent", prefix = "/parent")]
    pub mod parent {
        use framework_core::prelude::*;

        #[errorhandler(403)]
        async fn forbidden() -> (StatusCode, &'static str) {
            (StatusCode::FORBIDDEN, "Parent no")
        }

        #[get("/")]
        async fn parent_index() -> &'static str {
            "Parent yes"
        }

        #[get("/no")]
        async fn parent_no() -> Result<&'static str> {
            Err(abort(StatusCode::FORBIDDEN))
        }

        #[framework_core::blueprint(name = "child", prefix = "/child")]
        pub mod child {
            use framework_core::prelude::*;

            #[get("/")]
            async fn child_index() -> &'static str {
                "Child yes"
            }

            #[get("/no")]
            async fn child_no() -> Result<&'static str> {
                Err(abort(StatusCode::FORBIDDEN))
            }

            #[framework_core::blueprint(name = "grandchild", prefix = "/grandchild")]
            pub mod grandchild {
                use framework_core::prelude::*;

                #[errorhandler(403)]
                async fn grandchild_forbidden() -> (StatusCode, &'static str) {
                    (StatusCode::FORBIDDEN, "Grandchild no")
                }

                #[get("/")]
                async fn grandchild_index() -> &'static str {
                    "Grandchild yes"
                }

                #[get("/no")]
                async fn grandchild_no() -> Result<&'static str> {
                    Err(abort(StatusCode::FORBIDDEN))
                }
            }
        }
    }
}

// Flask: test_nested_blueprint, test_nesting_url_prefixes (prefixes given where the
// blueprints are written: there is no registration-time prefix here)
#[tokio::test]
async fn nested_blueprints_take_their_parents_prefix_and_error_handlers() {
    let client = TestClient::new(App::new().blueprint(nesting::parent::blueprint()));
    assert_eq!(client.get("/parent/").await.text(), "Parent yes");
    assert_eq!(client.get("/parent/child/").await.text(), "Child yes");
    assert_eq!(
        client.get("/parent/child/grandchild/").await.text(),
        "Grandchild yes"
    );
    assert_eq!(client.get("/parent/no").await.text(), "Parent no");
    assert_eq!(client.get("/parent/child/no").await.text(), "Parent no");
    assert_eq!(
        client.get("/parent/child/grandchild/no").await.text(),
        "Grandchild no"
    );
}

mod callback_order {
    use framework_core::prelude::*;

    use crate::support::Trace;

    #[before_request]
    async fn app_before_1(Extension(t): Extension<Trace>) {
        t.push("app_1");
    }
    #[teardown_request]
    async fn app_teardown_1(Extension(t): Extension<Trace>) {
        t.push("end app_1");
    }
    #[before_request]
    async fn app_before_2(Extension(t): Extension<Trace>) {
        t.push("app_2");
    }
    #[teardown_request]
    async fn app_teardown_2(Extension(t): Extension<Trace>) {
        t.push("end app_2");
    }

    #[framework_core::blueprint(name = "parent")]
    pub mod parent {
        use framework_core::prelude::*;

        use crate::support::Trace;

        #[before_request]
        async fn parent_before_1(Extension(t): Extension<Trace>) {
            t.push("parent_1");
        }
        #[teardown_request]
        async fn parent_teardown_1(Extension(t): Extension<Trace>) {
            t.push("end parent_1");
        }
        #[before_request]
        async fn parent_before_2(Extension(t): Extension<Trace>) {
            t.push("parent_2");
        }
        #[teardown_request]
        async fn parent_teardown_2(Extension(t): Extension<Trace>) {
            t.push("end parent_2");
        }

        #[framework_core::blueprint(name = "child")]
        pub mod child {
            use framework_core::prelude::*;

            use crate::support::Trace;

            #[before_request]
            async fn child_before_1(Extension(t): Extension<Trace>) {
                t.push("child_1");
            }
            #[teardown_request]
            async fn child_teardown_1(Extension(t): Extension<Trace>) {
                t.push("end child_1");
            }
            #[before_request]
            async fn child_before_2(Extension(t): Extension<Trace>) {
                t.push("child_2");
            }
            #[teardown_request]
            async fn child_teardown_2(Extension(t): Extension<Trace>) {
                t.push("end child_2");
            }

            #[get("/a")]
            async fn a(Extension(t): Extension<Trace>) -> String {
                t.0.lock().unwrap().join(", ")
            }
        }
    }

    pub fn app(trace: &Trace) -> App {
        App::new()
            .register(routes![
                app_before_1,
                app_teardown_1,
                app_before_2,
                app_teardown_2
            ])
            .blueprint(parent::blueprint())
            .extension(trace.clone())
    }
}

// Flask: test_nested_callback_order (the hooks; context processors are n.a.)
#[tokio::test]
async fn nested_before_hooks_run_outside_in_and_teardowns_inside_out() {
    let trace = Trace::default();
    let client = TestClient::new(callback_order::app(&trace));
    assert_eq!(
        client.get("/a").await.text(),
        "app_1, app_2, parent_1, parent_2, child_1, child_2"
    );
    assert_eq!(
        trace.take()[6..],
        [
            "end child_2",
            "end child_1",
            "end parent_2",
            "end parent_1",
            "end app_2",
            "end app_1"
        ]
    );
}
