// A hook takes only `requires = ..`; an after-request hook takes the response once.
use framework_core::prelude::*;

#[before_request(methods = [GET])]
async fn check() {}

#[after_request]
async fn twice(response: Response, again: Response) -> Response {
    let _ = again;
    response
}

fn main() {}
