// One element of `requires = [..]` that cannot be required: one error, at that
// element, on a route, a blueprint and a hook; the other elements are fine.
include!("../common.rs");

framework_identity::roles! {
    for Member;
    pub Moderator = "moderator";
}

#[get("/queue", requires = [Moderator, String])]
async fn queue() -> &'static str {
    "queue"
}

#[blueprint(prefix = "/moderation", requires = [Member, Moderator])]
mod moderation {
    use super::*;

    #[get("/")]
    async fn index() -> &'static str {
        "moderation"
    }
}

#[blueprint(prefix = "/reports")]
mod reports {
    use super::*;

    #[before_request(requires = [Moderator, ReadPosts, Admin])]
    async fn guard() {}

    #[get("/")]
    async fn list() -> &'static str {
        "reports"
    }
}

fn main() {
    let _ = App::new()
        .register(routes![queue])
        .blueprint(moderation::blueprint())
        .blueprint(reports::blueprint());
}
