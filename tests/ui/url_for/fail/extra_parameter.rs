// Flask puts unknown `url_for` arguments in the query string; here they are an error.
use framework_core::prelude::*;

#[get("/post/<id>")]
async fn post(id: u32) -> String {
    id.to_string()
}

fn main() {
    let _ = App::new().register(routes![post]);
    let _ = url_for!(post, id = 1, page = 2);
}
