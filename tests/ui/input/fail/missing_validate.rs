// A struct without `#[derive(Validate)]` in a validated extractor.
use framework_core::prelude::*;

#[derive(Deserialize)]
struct Login {
    username: String,
}

#[post("/login")]
async fn login(ValidForm(login): ValidForm<Login>) -> String {
    login.username
}

fn main() {}
