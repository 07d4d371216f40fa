// A default for a parameter the rule has in its own path.
use framework_core::prelude::*;

#[get("/", defaults = { page = 1 })]
#[get("/page/<page>", defaults = { page = 1 })]
async fn index(page: u32) -> String {
    page.to_string()
}

fn main() {
    let _ = App::new().register(routes![index]);
}
