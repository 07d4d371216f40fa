//! Checks of `requires` that need no types: a list names at least one marker, and
//! each only once. Whether a marker can be required is the compiler's check, at
//! the marker (see `expand`).

use super::Requires;
use crate::diag::Errors;
use crate::handler::type_text;

pub(crate) fn check(requires: &Requires, errors: &mut Errors) {
    if let (Some(bracket), true) = (&requires.list, requires.markers.is_empty()) {
        errors.at(
            bracket.span.join(),
            "`requires = []` requires nothing\n= help: name what to require, e.g. `requires = [Admin, EditPost]`, or remove `requires`",
        );
    }
    let mut seen: Vec<String> = Vec::new();
    for marker in &requires.markers {
        let text = type_text(marker);
        if seen.contains(&text) {
            errors.spanned(
                marker,
                format!("`{text}` is required twice\n= help: remove this one"),
            );
        } else {
            seen.push(text);
        }
    }
}
