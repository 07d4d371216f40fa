// Each key of a blueprint once; and a near miss of a key gets a suggestion.
use framework_core::prelude::*;

#[blueprint(name = "auth", prefix = "/auth", name = "login")]
mod auth {}

#[blueprint(prefix = "/a", prefix = "/b")]
mod shop {}

#[blueprint(prefix = "/api")]
mod api {}

#[blueprint(of = api, of = shop, prefix = "/v2")]
mod api_v2 {}

#[blueprint(prefx = "/admin")]
mod admin {}

fn main() {}
