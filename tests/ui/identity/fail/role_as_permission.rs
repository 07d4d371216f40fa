use framework_identity::authz::Can;

include!("../common.rs");

fn may_edit(member: &Member) -> bool {
    member.can::<Admin>()
}

fn main() {}
