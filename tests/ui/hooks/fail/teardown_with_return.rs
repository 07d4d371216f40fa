// Teardown hooks run when the response is decided: they return nothing.
use framework_core::prelude::*;

#[teardown_request]
async fn close() -> Response {
    StatusCode::OK.into_response()
}

fn main() {}
