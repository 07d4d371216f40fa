use framework_identity::bearer::RequireScope;

include!("../common.rs");

#[get("/api/posts")]
async fn posts(_token: RequireScope<ReadPots>) -> &'static str {
    "posts"
}

fn main() {}
