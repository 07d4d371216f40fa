// A Flask habit: the endpoint's name as a string.
use framework_core::prelude::*;

#[blueprint(prefix = "/shop")]
mod shop {
    use framework_core::prelude::*;

    #[get("/item/<id>")]
    async fn item(id: u32) -> String {
        id.to_string()
    }
}

fn main() {
    let _ = url_for!("shop.item", id = 1);
}
