// `of` names a module that is not a blueprint: it has no `blueprint`.
mod helpers {
    pub fn shout(text: &str) -> String {
        text.to_uppercase()
    }
}

#[framework_core::blueprint(of = helpers, prefix = "/v2")]
mod copy {}

fn main() {}
