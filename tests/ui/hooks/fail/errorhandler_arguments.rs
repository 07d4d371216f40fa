// An error handler takes one status code or one error type: not nothing, not a
// string, not two.
use framework_core::prelude::*;

#[errorhandler]
async fn nothing() -> StatusCode {
    StatusCode::NOT_FOUND
}

#[errorhandler("404")]
async fn string() -> StatusCode {
    StatusCode::NOT_FOUND
}

#[errorhandler(404, 500)]
async fn two() -> StatusCode {
    StatusCode::NOT_FOUND
}

fn main() {}
