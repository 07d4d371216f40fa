//! The "Blueprints" chapter: a blueprint in a file of its own.

// ANCHOR: file
// src/catalog.rs, declared in main.rs (or lib.rs) with `mod catalog;`
// ANCHOR: uses
use framework_core::prelude::*;
// ANCHOR_END: uses

#[blueprint(prefix = "/catalog")]
pub mod catalog {
    use framework_core::prelude::*;

    #[get("/")]
    pub async fn index() -> String {
        format!("first item: {}", url_for!(item, id = 1))
    }

    #[get("/<id>")]
    pub async fn item(id: u32) -> String {
        format!("item {id}")
    }
}
// ANCHOR_END: file

// ANCHOR: register
/// The app, with the blueprint registered through the file's module.
pub fn app() -> App {
    App::new().blueprint(crate::catalog::blueprint())
}
// ANCHOR_END: register
