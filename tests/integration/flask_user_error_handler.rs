//! Flask's `tests/test_user_error_handler.py`, ported: which error handler takes an
//! error (by type, by status, the HTTP catch-all, the catch-all for every error), in
//! the app and in a blueprint.

use framework_core::error::{AnyError, HttpError};
use framework_core::prelude::*;
use framework_core::testing::TestClient;

#[derive(Debug, thiserror::Error)]
#[error("custom")]
pub struct Custom;

#[derive(Debug, thiserror::Error)]
#[error("key error")]
pub struct KeyError;

/// An HTTP error of its own type, with the status 403 (Flask: a `Forbidden` subclass).
#[derive(Debug, thiserror::Error)]
#[error("forbidden, registered")]
pub struct ForbiddenRegistered;

#[derive(Debug, thiserror::Error)]
#[error("forbidden, unregistered")]
pub struct ForbiddenUnregistered;

#[get("/custom")]
async fn custom() -> Result<&'static str> {
    Err(Custom.into())
}

#[get("/keyerror")]
async fn key_error() -> Result<&'static str> {
    Err(KeyError.into())
}

#[get("/abort")]
async fn abort_500() -> Result<&'static str> {
    Err(abort(StatusCode::INTERNAL_SERVER_ERROR))
}

/// Says whether the 500 it got wraps a failure (Flask's `original_exception`) or was
/// raised on purpose.
fn report(error: &Error) -> String {
    if error.is::<Custom>() {
        "wrapped Custom".to_owned()
    } else if error.is::<KeyError>() {
        "wrapped KeyError".to_owned()
    } else if let Some(source) = error.source_error() {
        format!("wrapped {source}")
    } else {
        "direct".to_owned()
    }
}

mod no_match {
    use super::*;

    #[errorhandler(Custom)]
    async fn handle_custom(_error: Custom) -> &'static str {
        "custom"
    }

    #[errorhandler(500)]
    async fn handle_500(error: Error) -> String {
        report(&error)
    }

    pub fn app() -> App {
        App::new().register(routes![
            handle_custom,
            handle_500,
            custom,
            key_error,
            abort_500
        ])
    }
}

// Flask: test_error_handler_no_match (registering a non-class or 999 is a build error
// here: tests/ui/hooks/fail/errorhandler_not_an_error_{type,status}.rs).
#[tokio::test]
async fn a_type_handler_takes_its_type_and_the_500_handler_sees_wrapped_failures() {
    let client = TestClient::new(no_match::app());
    assert_eq!(client.get("/custom").await.text(), "custom");
    assert_eq!(client.get("/keyerror").await.text(), "wrapped KeyError");
    assert_eq!(client.get("/abort").await.text(), "direct");
}

mod http_subclass {
    use super::*;

    #[errorhandler(403)]
    async fn handle_403(error: Error) -> (StatusCode, String) {
        assert_eq!(error.status(), StatusCode::FORBIDDEN);
        (StatusCode::FORBIDDEN, "forbidden".to_owned())
    }

    #[errorhandler(ForbiddenRegistered)]
    async fn handle_registered(_error: ForbiddenRegistered) -> (StatusCode, &'static str) {
        (StatusCode::FORBIDDEN, "forbidden-registered")
    }

    #[get("/forbidden")]
    async fn forbidden() -> Result<&'static str> {
        Err(abort(StatusCode::FORBIDDEN))
    }

    #[get("/forbidden-registered")]
    async fn registered() -> Result<&'static str> {
        Err(Error::new(StatusCode::FORBIDDEN, ForbiddenRegistered))
    }

    #[get("/forbidden-unregistered")]
    async fn unregistered() -> Result<&'static str> {
        Err(Error::new(StatusCode::FORBIDDEN, ForbiddenUnregistered))
    }

    pub fn app() -> App {
        App::new().register(routes![
            handle_403,
            handle_registered,
            forbidden,
            registered,
            unregistered
        ])
    }
}

// Flask: test_error_handler_http_subclass, and test_basic.py's
// test_http_error_subclass_handling.
#[tokio::test]
async fn an_http_error_type_with_a_handler_beats_the_status_handler() {
    let client = TestClient::new(http_subclass::app());
    for (path, text) in [
        ("/forbidden", "forbidden"),
        ("/forbidden-unregistered", "forbidden"),
        ("/forbidden-registered", "forbidden-registered"),
    ] {
        let res = client.get(path).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(res.text(), text, "{path}");
    }
}

mod in_blueprint {
    use super::*;

    #[errorhandler(500)]
    async fn app_500() -> (StatusCode, &'static str) {
        (StatusCode::INTERNAL_SERVER_ERROR, "app-error")
    }

    #[get("/error")]
    async fn app_error() -> Result<&'static str> {
        Err(abort(StatusCode::INTERNAL_SERVER_ERROR))
    }

    #[blueprint(prefix = "/bp")]
    pub mod bp {
        use framework_core::prelude::*;

        #[errorhandler(500)]
        async fn bp_500() -> (StatusCode, &'static str) {
            (StatusCode::INTERNAL_SERVER_ERROR, "bp-error")
        }

        #[get("/error")]
        async fn bp_error() -> Result<&'static str> {
            Err(abort(StatusCode::INTERNAL_SERVER_ERROR))
        }
    }

    pub fn app() -> App {
        App::new()
            .register(routes![app_500, app_error])
            .blueprint(bp::blueprint())
    }
}

// Flask: test_error_handler_blueprint
#[tokio::test]
async fn a_blueprints_500_handler_takes_its_routes_and_the_apps_the_rest() {
    let client = TestClient::new(in_blueprint::app());
    assert_eq!(client.get("/error").await.text(), "app-error");
    assert_eq!(client.get("/bp/error").await.text(), "bp-error");
}

mod default_handler {
    use super::*;

    #[errorhandler(HttpError)]
    async fn app_default(error: HttpError) -> (StatusCode, &'static str) {
        assert_eq!(error.status(), StatusCode::NOT_FOUND);
        (StatusCode::NOT_FOUND, "default")
    }

    #[errorhandler(403)]
    async fn app_forbidden() -> (StatusCode, &'static str) {
        (StatusCode::FORBIDDEN, "forbidden")
    }

    #[get("/forbidden")]
    async fn forbidden() -> Result<&'static str> {
        Err(abort(StatusCode::FORBIDDEN))
    }

    #[get("/slash/")]
    async fn slash() -> &'static str {
        "slash"
    }

    #[blueprint(prefix = "/bp")]
    pub mod bp {
        use framework_core::error::HttpError;
        use framework_core::prelude::*;

        #[errorhandler(HttpError)]
        async fn bp_default(error: HttpError) -> (StatusCode, &'static str) {
            assert_eq!(error.status(), StatusCode::NOT_FOUND);
            (StatusCode::NOT_FOUND, "bp-default")
        }

        #[errorhandler(403)]
        async fn bp_forbidden() -> (StatusCode, &'static str) {
            (StatusCode::FORBIDDEN, "bp-forbidden")
        }

        #[get("/undefined")]
        async fn undefined() -> Result<&'static str> {
            Err(abort(StatusCode::NOT_FOUND))
        }

        #[get("/forbidden")]
        async fn forbidden() -> Result<&'static str> {
            Err(abort(StatusCode::FORBIDDEN))
        }
    }

    pub fn app() -> App {
        App::new()
            .register(routes![app_default, app_forbidden, forbidden, slash])
            .blueprint(bp::blueprint())
    }
}

// Flask: test_default_error_handler
#[tokio::test]
async fn http_catch_alls_per_scope_and_the_slash_redirect_is_not_an_error() {
    let client = TestClient::new(default_handler::app());
    assert_eq!(client.get("/bp/undefined").await.text(), "bp-default");
    assert_eq!(client.get("/bp/forbidden").await.text(), "bp-forbidden");
    assert_eq!(client.get("/undefined").await.text(), "default");
    assert_eq!(client.get("/forbidden").await.text(), "forbidden");
    // The trailing-slash redirect does not reach the HTTP catch-all.
    let res = client.get("/slash").await;
    assert_eq!(res.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        client.get("/slash").follow_redirects().await.text(),
        "slash"
    );
}

mod generic {
    use super::*;

    #[get("/raise")]
    async fn raise_500() -> Result<&'static str> {
        Err(Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))
    }

    #[errorhandler(500)]
    async fn handle_500(error: Error) -> String {
        report(&error)
    }

    #[errorhandler(HttpError)]
    async fn handle_http(error: HttpError) -> String {
        error.status().as_u16().to_string()
    }

    #[errorhandler(AnyError)]
    async fn handle_any(error: AnyError) -> String {
        if error.is_http() {
            format!("direct {}", error.status().as_u16())
        } else {
            format!("direct {}", *error)
        }
    }

    pub fn routes() -> App {
        App::new().register(routes![custom, key_error, abort_500, raise_500])
    }

    pub fn with_500() -> App {
        routes().register(routes![handle_500])
    }

    pub fn with_http() -> App {
        routes().register(routes![handle_http])
    }

    pub fn with_any() -> App {
        routes().register(routes![handle_any])
    }
}

// Flask: TestGenericHandlers.test_handle_class_or_code (500 and InternalServerError are
// one handler here: `#[errorhandler(500)]`).
#[tokio::test]
async fn the_500_handler_gets_failures_wrapped_and_a_raised_500_directly() {
    let client = TestClient::new(generic::with_500());
    assert_eq!(client.get("/custom").await.text(), "wrapped Custom");
    assert_eq!(client.get("/keyerror").await.text(), "wrapped KeyError");
    assert_eq!(client.get("/abort").await.text(), "direct");
    assert_eq!(client.get("/raise").await.text(), "direct");
}

// Flask: TestGenericHandlers.test_handle_generic_http
#[tokio::test]
async fn the_http_catch_all_gets_failures_as_500_and_routing_404s() {
    let client = TestClient::new(generic::with_http());
    assert_eq!(client.get("/keyerror").await.text(), "500");
    assert_eq!(client.get("/abort").await.text(), "500");
    assert_eq!(client.get("/not-found").await.text(), "404");
}

// Flask: TestGenericHandlers.test_handle_generic
#[tokio::test]
async fn the_catch_all_for_every_error_gets_every_error_directly() {
    let client = TestClient::new(generic::with_any());
    assert_eq!(client.get("/custom").await.text(), "direct custom");
    assert_eq!(client.get("/keyerror").await.text(), "direct key error");
    assert_eq!(client.get("/abort").await.text(), "direct 500");
    assert_eq!(client.get("/not-found").await.text(), "direct 404");
}
