//! The `key = value, ..` arguments of every attribute, parsed one way: each key is
//! one of the attribute's (a near miss gets a suggestion), none is given twice, and
//! the hidden keys `#[blueprint]` adds are accepted without being offered.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, Token};

use crate::diag::closest;
use crate::symbol::{self, ArgSet};

/// Parses `key = value` (or `key(..)`) pairs separated by commas until `input` ends.
/// `value` is called with each key, `input` positioned after it, and parses the rest
/// of that argument.
pub(crate) fn parse_keyed(
    input: ParseStream,
    set: &ArgSet,
    mut value: impl FnMut(&Ident, ParseStream) -> syn::Result<()>,
) -> syn::Result<()> {
    let mut seen: Vec<String> = Vec::new();
    while !input.is_empty() {
        let key = input
            .call(Ident::parse_any)
            .map_err(|_| syn::Error::new(input.span(), not_a_key(set, None)))?;
        let name = key.to_string();
        if !symbol::HIDDEN.contains(&name.as_str()) {
            if !set.keys.contains(&name.as_str()) {
                return Err(syn::Error::new(key.span(), not_a_key(set, Some(&name))));
            }
            if seen.contains(&name) {
                return Err(repeated(key.span(), &name));
            }
            seen.push(name);
        }
        value(&key, input)?;
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(())
}

/// "expected …" at the next token, or at `at_end` when there is none (rather than
/// syn's "unexpected end of input" at the whole attribute).
pub(crate) fn expected(input: ParseStream, at_end: Span, message: &str) -> syn::Error {
    if input.is_empty() {
        syn::Error::new(at_end, message)
    } else {
        input.error(message)
    }
}

/// Parses the `=` after a key and the value after it.
pub(crate) fn value<T: syn::parse::Parse>(input: ParseStream) -> syn::Result<T> {
    input.parse::<Token![=]>()?;
    input.parse()
}

/// "`key` specified more than once", with a hint where one can say it all.
pub(crate) fn repeated(span: Span, key: &str) -> syn::Error {
    let help = symbol::repeated_help(key)
        .map(|help| format!("\n= help: {help}"))
        .unwrap_or_default();
    syn::Error::new(span, format!("`{key}` specified more than once{help}"))
}

fn not_a_key(set: &ArgSet, word: Option<&str>) -> String {
    let takes = takes(set);
    match word {
        Some(word) => match closest(word, set.keys.iter().copied()) {
            Some(near) => format!(
                "`{word}` is not an argument of {}\n= help: did you mean `{near}`? ({takes})",
                set.what
            ),
            None => format!(
                "`{word}` is not an argument of {}\n= help: {takes}",
                set.what
            ),
        },
        None if set.keys.is_empty() => takes,
        None => format!("expected an argument name\n= help: {takes}"),
    }
}

/// "a route takes its path first, then `methods`, `endpoint` …".
fn takes(set: &ArgSet) -> String {
    let keys: Vec<String> = set.keys.iter().map(|k| format!("`{k}`")).collect();
    let keys = match keys.as_slice() {
        [] => String::new(),
        [one] => format!("only {one}"),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    };
    match (set.positional, keys.is_empty()) {
        (Some(first), true) => format!("{} takes {first}", set.what),
        (Some(first), false) => format!("{} takes {first}, then {keys}", set.what),
        (None, _) => format!("{} takes {keys}", set.what),
    }
}
