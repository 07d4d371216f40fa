use framework_identity::authz::RequirePermission;

include!("../common.rs");

#[get("/edit")]
async fn edit(_user: RequirePermission<Admin, Member>) -> &'static str {
    "edited"
}

fn main() {}
