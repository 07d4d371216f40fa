use framework_identity::authz::Can;

include!("../common.rs");

fn may_administer(member: &Member) -> bool {
    member.is::<Admn>()
}

fn main() {}
