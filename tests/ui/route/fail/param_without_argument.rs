// A path parameter needs a handler argument of the same name; the arguments are listed.
use framework_core::prelude::*;

#[get("/users/<id>")]
async fn show(user_id: Query<u32>) -> String {
    format!("{}", user_id.0)
}

fn main() {}
