// A link to a view with several rules names parameters that no rule has exactly.
use framework_core::prelude::*;

#[get("/", defaults = { page = 1 })]
#[get("/page/<page>")]
async fn index(page: u32) -> String {
    page.to_string()
}

fn main() {
    let _ = App::new().register(routes![index]);
    let _ = url_for!(index, page = 2, sort = "new");
}
