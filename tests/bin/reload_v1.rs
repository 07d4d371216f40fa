//! An app that answers `v1` at `/`: the reloading tests swap it for its twin
//! (`reload_v2`) to see a restarted app on the same socket.
#![forbid(unsafe_code)]

use framework_core::cli::Cli;
use framework_core::prelude::*;

#[get("/")]
async fn index() -> &'static str {
    "v1"
}

fn main() -> std::process::ExitCode {
    Cli::new("reload-v1", App::new().register(routes![index])).main()
}
