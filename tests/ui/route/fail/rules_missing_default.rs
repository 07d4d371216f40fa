// One rule of a view lacks a parameter another rule has, and gives no default.
use framework_core::prelude::*;

#[get("/")]
#[get("/page/<page>")]
async fn index(page: u32) -> String {
    page.to_string()
}

fn main() {
    let _ = App::new().register(routes![index]);
}
