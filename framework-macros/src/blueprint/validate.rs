//! Checks over the whole blueprint: its name, its prefix, and duplicate routes.

use syn::LitStr;

use super::collect::FoundRoute;
use crate::diag::Errors;
use crate::rule;

/// Blueprint names become the first part of endpoints (`auth.login`): identifiers only.
pub(crate) fn check_name(name: &str, span_source: &dyn quote::ToTokens, errors: &mut Errors) {
    let ok = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !ok && name.contains('.') {
        let last = name.rsplit('.').next().unwrap_or(name);
        errors.spanned(
            span_source,
            format!("blueprint name `{name}` must be an identifier, without dots\n= help: a `#[blueprint]` inside another is named `parent.{last}` by itself: write `name = \"{last}\"`"),
        );
    } else if !ok {
        errors.spanned(
            span_source,
            format!("blueprint name `{name}` must be an identifier (letters, digits, `_`); it prefixes endpoints like `{name}.index`"),
        );
    }
}

/// A prefix is a path without parameters; `/` and `""` mean none. Whether it is one
/// (when not, the mistake went to `errors`).
pub(crate) fn check_prefix(prefix: &LitStr, errors: &mut Errors) -> bool {
    let text = prefix.value();
    if text.is_empty() || text == "/" {
        return true;
    }
    if !text.starts_with('/') {
        errors.spanned(
            prefix,
            format!(
                "a blueprint prefix must start with `/`, found {text:?}\n= help: write \"/{text}\""
            ),
        );
        return false;
    }
    match rule::parse(&text) {
        Err(message) => {
            errors.spanned(prefix, message.replace("route path", "blueprint prefix"));
            false
        }
        Ok(parsed) if parsed.params().next().is_some() => {
            errors.spanned(
                prefix,
                "blueprint prefixes cannot have parameters: put them in each route's path",
            );
            false
        }
        Ok(_) => true,
    }
}

/// Two routes of one blueprint must not answer the same method on the same path
/// shape (parameter names do not matter: `/<id>` and `/<user_id>` are the same).
pub(crate) fn check_duplicates(name: &str, routes: &[FoundRoute], errors: &mut Errors) {
    let mut seen: Vec<(String, String, &FoundRoute)> = Vec::new();
    for route in routes {
        let Ok(parsed) = rule::parse(&route.path.value()) else {
            continue;
        };
        let shape = parsed.shape();
        for method in &route.methods {
            let first = seen
                .iter()
                .find(|(m, s, _)| m == method && *s == shape)
                .map(|(_, _, r)| *r);
            match first {
                Some(first) => {
                    let mut message =
                        format!("duplicate route `{method} {shape}` in blueprint `{name}`");
                    if first.path.value() != route.path.value() {
                        message.push_str(&format!(
                            "\n= note: \"{}\" and \"{}\" match the same requests",
                            first.path.value(),
                            route.path.value()
                        ));
                    }
                    errors.spanned(&route.path, message);
                    errors.note(
                        &first.path,
                        format!("first defined here by `{}`", first.fn_name),
                    );
                }
                None => seen.push((method.clone(), shape.clone(), route)),
            }
        }
    }
}
