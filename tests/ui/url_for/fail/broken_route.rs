// A route with a mistake is reported once: its links add no errors of their own.
use framework_core::prelude::*;

#[route("/item/<id>", methods = [GETT])]
async fn item(id: u32) -> String {
    id.to_string()
}

fn main() {
    let _ = url_for!(item, id = 1);
    let _ = item::url(2);
    let _ = App::new().register(routes![item]);
}
