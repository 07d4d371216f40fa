// A typed error handler takes the error as its first argument.
use framework_core::prelude::*;

#[derive(Debug, thiserror::Error)]
#[error("missing")]
struct Missing;

#[errorhandler(Missing)]
async fn missing(uri: http::Uri) -> String {
    uri.to_string()
}

fn main() {}
