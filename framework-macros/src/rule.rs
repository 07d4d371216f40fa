//! The route grammar, shared with the runtime (see `framework-core/src/routing/rule.rs`).

#[path = "../../framework-core/src/routing/rule.rs"]
#[allow(dead_code)]
mod shared;

pub(crate) use shared::{Rule, Segment, encode_literal};

/// Joins a blueprint prefix and a rule the way Flask does: `/auth` + `/login` is
/// `/auth/login`, `/auth` + `/` is `/auth/`, and `/` or no prefix leaves the rule as is.
pub(crate) fn join_prefix(prefix: Option<&str>, rule: &str) -> String {
    match prefix {
        None | Some("") | Some("/") => rule.to_owned(),
        Some(prefix) => format!("{}{rule}", prefix.trim_end_matches('/')),
    }
}

pub(crate) fn parse(text: &str) -> Result<Rule, String> {
    Rule::parse(text).map_err(|e| match e.help {
        Some(help) => format!("invalid route path: {}\n= help: {help}", e.message),
        None => format!("invalid route path: {}", e.message),
    })
}

#[cfg(test)]
mod tests {
    use super::join_prefix;

    #[test]
    fn joins_like_flask() {
        assert_eq!(join_prefix(Some("/auth"), "/login"), "/auth/login");
        assert_eq!(join_prefix(Some("/auth/"), "/login"), "/auth/login");
        assert_eq!(join_prefix(Some("/auth"), "/"), "/auth/");
        assert_eq!(join_prefix(Some("/"), "/x"), "/x");
        assert_eq!(join_prefix(None, "/x"), "/x");
    }
}
