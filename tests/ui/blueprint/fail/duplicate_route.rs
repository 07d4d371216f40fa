// Two routes of one blueprint answering the same requests: the second is pointed at,
// the first named.
use framework_core::prelude::*;

#[blueprint(prefix = "/users")]
mod users {
    use framework_core::prelude::*;

    #[get("/<id>")]
    async fn show(id: i64) -> String {
        format!("{id}")
    }

    #[get("/<user_id>")]
    async fn profile(user_id: i64) -> String {
        format!("{user_id}")
    }
}

fn main() {}
