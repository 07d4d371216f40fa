//! A blueprint per file: this file's module is named like the blueprint it holds, so
//! `#[blueprint]` re-exports the blueprint's items here (`crate::shop::item`, not
//! `crate::shop::shop::item`) and keeps clippy from calling the name a repetition.

use framework_core::prelude::*;

#[blueprint(prefix = "/shop")]
pub mod shop {
    use framework_core::prelude::*;

    #[get("/items/<id>")]
    pub async fn item(id: u32) -> String {
        format!("item {id} at {}", url_for!(item, id = id))
    }

    #[get("/")]
    pub async fn index() -> String {
        format!("see {}", url_for!(item, id = 1))
    }
}

#[cfg(test)]
mod tests {
    use framework_core::prelude::*;
    use framework_core::testing::TestClient;

    #[tokio::test]
    async fn its_items_read_as_the_files_own() {
        // The paths through the re-export: the file's module, no inner `shop`.
        let app = App::new().blueprint(crate::shop::blueprint());
        let client = TestClient::new(app);
        assert_eq!(client.get("/shop/").await.text(), "see /shop/items/1");
        assert_eq!(
            client.get("/shop/items/7").await.text(),
            "item 7 at /shop/items/7"
        );
        assert_eq!(
            url_for!(crate::shop::item, id = 3).as_str(),
            "/shop/items/3"
        );
    }
}
