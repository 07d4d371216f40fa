// A misspelt role or permission in `requires = ..`: one error each, at the name,
// on a route, a blueprint and a hook.
include!("../common.rs");

framework_identity::permissions! {
    for Member;
    pub DeleteAnyPost = "post:delete-any";
}

framework_identity::roles! {
    for Member;
    pub Moderator = "moderator";
}

#[post("/posts/<id>/delete", requires = DeleteAnyPots)]
async fn delete(id: i64) -> String {
    format!("deleted {id}")
}

#[blueprint(prefix = "/moderation", requires = Moderater)]
mod moderation {
    use super::*;

    #[get("/")]
    async fn queue() -> &'static str {
        "queue"
    }
}

#[blueprint(prefix = "/reports")]
mod reports {
    use super::*;

    #[before_request(requires = Moderatr)]
    async fn moderators_only() {}

    #[get("/")]
    async fn list() -> &'static str {
        "reports"
    }
}

fn main() {
    let _ = App::new()
        .register(routes![delete])
        .blueprint(moderation::blueprint())
        .blueprint(reports::blueprint());
}
