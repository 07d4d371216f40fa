// A link to a route that does not exist.
use framework_core::prelude::*;

mod blog {
    use framework_core::prelude::*;

    #[get("/")]
    pub async fn index() -> &'static str {
        "index"
    }
}

fn main() {
    let _ = url_for!(blog::indx);
}
