// An argument's type must be named: the framework extracts it from the request.
use framework_core::prelude::*;

#[get("/")]
async fn index(name: impl std::fmt::Display) -> String {
    name.to_string()
}

fn main() {
    let _ = App::new().register(routes![index]);
}
