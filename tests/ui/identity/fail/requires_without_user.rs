// A role declared without the user it checks cannot be required: the guard would
// not know whom to load.
include!("../common.rs");

#[blueprint(prefix = "/admin", requires = Admin)]
mod admin {
    use super::*;

    #[get("/")]
    async fn dashboard() -> &'static str {
        "dashboard"
    }
}

fn main() {
    let _ = App::new().blueprint(admin::blueprint());
}
