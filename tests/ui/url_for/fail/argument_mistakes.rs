// `url_for!(route, name = value, ..)`: no route, a value without a name, and a
// name twice.
use framework_core::prelude::*;

#[get("/users/<id>")]
async fn user(id: i64) -> String {
    id.to_string()
}

fn main() {
    let _ = url_for!();
    let _ = url_for!(user, 1);
    let _ = url_for!(user, id = 1, id = 2);
}
