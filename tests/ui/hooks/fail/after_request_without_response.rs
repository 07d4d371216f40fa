// An after-request hook takes the response.
use framework_core::prelude::*;

#[after_request]
async fn add_header(headers: HeaderMap) -> Response {
    let _ = headers;
    StatusCode::OK.into_response()
}

fn main() {}
