// An error handler for a type that is not an error.
use framework_core::prelude::*;

struct Oops;

#[errorhandler(Oops)]
async fn oops(error: Oops) -> StatusCode {
    let _ = error;
    StatusCode::INTERNAL_SERVER_ERROR
}

fn main() {}
