// A blueprint copied under another name and prefix, beside and inside another
// blueprint, links to both copies.
#![forbid(unsafe_code)]
use framework_core::prelude::*;

mod site {
    #[framework_core::blueprint(prefix = "/api")]
    pub mod api {
        use framework_core::prelude::*;

        #[get("/item/<id>")]
        async fn item(id: u32) -> String {
            id.to_string()
        }

        #[blueprint(prefix = "/admin")]
        mod admin {
            use framework_core::prelude::*;

            #[get("/")]
            async fn home() -> &'static str {
                "home"
            }
        }
    }

    #[framework_core::blueprint(of = self::api, name = "v2", prefix = "/v2")]
    pub mod v2 {}
}

#[framework_core::blueprint(of = crate::site::v2, name = "v3", prefix = "/v3")]
mod v3 {}

fn main() {
    assert_eq!(url_for!(site::v2::item, id = 1).as_str(), "/v2/item/1");
    assert_eq!(url_for!(v3::admin::home).as_str(), "/v3/admin/");
    let _ = App::new()
        .blueprint(site::api::blueprint())
        .blueprint(site::v2::blueprint())
        .blueprint(v3::blueprint())
        .into_router()
        .unwrap();
}
