// A default for an argument the function does not have (a typo).
use framework_core::prelude::*;

#[get("/", defaults = { pag = 1 })]
#[get("/page/<page>")]
async fn index(page: u32) -> String {
    page.to_string()
}

fn main() {
    let _ = App::new().register(routes![index]);
}
