// A blueprint with hooks and error handlers of every kind.
#![forbid(unsafe_code)]
use framework_core::prelude::*;

#[derive(Debug, thiserror::Error)]
#[error("nope")]
pub struct Nope;

#[blueprint(prefix = "/api")]
mod api {
    use framework_core::prelude::*;

    #[before_request]
    async fn before(g: G) {
        g.insert(1u8);
    }

    #[before_app_request]
    fn before_all(headers: HeaderMap) -> Option<Response> {
        headers
            .get("x-stop")
            .map(|_| StatusCode::FORBIDDEN.into_response())
    }

    #[after_request]
    async fn after(response: Response) -> Response {
        response
    }

    #[after_app_request]
    async fn after_all(response: Response, g: G) -> Result<Response> {
        let _ = g;
        Ok(response)
    }

    #[teardown_request]
    async fn teardown(g: G) {
        let _ = g;
    }

    #[teardown_app_request]
    fn teardown_all() {}

    #[errorhandler(404)]
    async fn not_found(error: Error, uri: http::Uri) -> (StatusCode, String) {
        (error.status(), uri.to_string())
    }

    #[errorhandler(crate::Nope)]
    async fn nope(error: crate::Nope) -> String {
        error.to_string()
    }

    #[app_errorhandler(500)]
    async fn server_error() -> &'static str {
        "oops"
    }

    #[get("/")]
    async fn index() -> Result<&'static str> {
        Err(crate::Nope.into())
    }
}

fn main() {
    let _ = App::new().blueprint(api::blueprint()).into_router();
}
