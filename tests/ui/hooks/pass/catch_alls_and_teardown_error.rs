// Catch-all error handlers and a teardown hook that sees the error.
#![forbid(unsafe_code)]
use framework_core::error::{AnyError, HttpError};
use framework_core::prelude::*;

#[errorhandler(HttpError)]
async fn http_error(error: HttpError) -> StatusCode {
    error.status()
}

#[errorhandler(AnyError)]
fn any_error(error: AnyError, headers: HeaderMap) -> StatusCode {
    let _ = headers;
    error.status()
}

#[teardown_request]
async fn log_error(error: Option<&Error>, headers: HeaderMap) {
    let _ = (error.map(Error::status), headers);
}

#[teardown_request]
fn plain(error: Option<&Error>) {
    let _ = error;
}

fn main() {
    let _ = App::new().register(routes![http_error, any_error, log_error, plain]);
}
