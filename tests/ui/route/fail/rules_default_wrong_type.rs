// A default whose value is not of the argument's type.
use framework_core::prelude::*;

#[get("/", defaults = { page = "one" })]
#[get("/page/<page>")]
async fn index(page: u32) -> String {
    page.to_string()
}

fn main() {
    let _ = App::new().register(routes![index]);
}
