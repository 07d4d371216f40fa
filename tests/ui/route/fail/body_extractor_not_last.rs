// An extractor that reads the body must be the last argument.
use framework_core::prelude::*;

#[derive(Deserialize)]
struct Login {
    username: String,
}

#[post("/login")]
async fn login(form: Form<Login>, headers: HeaderMap) -> String {
    format!("{} {}", form.username, headers.len())
}

fn main() {}
