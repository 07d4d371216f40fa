//! `requires = Marker` or `requires = [A, B]` on a route, a blueprint or a
//! `before_request` hook: each marker's guard (`framework_core::Requirement`) runs
//! in the order written, and the first rejection is the answer. Parsed here,
//! checked in `validate`, generated in `expand`; routes, blueprints and hooks
//! without `requires` generate nothing for it.

mod expand;
pub(crate) mod validate;

pub(crate) use expand::{blueprint_guard, check_hook_kind, hook_check, route_check};

use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Token, Type, bracketed};

pub(crate) mod kw {
    syn::custom_keyword!(requires);
}

/// `requires = Marker` or `requires = [A, B, ..]`, as written.
pub(crate) struct Requires {
    pub(crate) key: kw::requires,
    /// The brackets, when the markers are written as a list.
    pub(crate) list: Option<syn::token::Bracket>,
    /// The markers, in the order their guards run.
    pub(crate) markers: Vec<Type>,
}

const EXPECTED: &str = "expected the role, permission or scope to require, e.g. `requires = Admin` or `requires = [Admin, EditPost]`";

/// Parses `requires = ..` (the keyword is next in `input`) into `slot`.
pub(crate) fn parse_into(input: ParseStream, slot: &mut Option<Requires>) -> syn::Result<()> {
    let key: kw::requires = input.parse()?;
    if slot.is_some() {
        return Err(syn::Error::new(
            key.span,
            "`requires` specified more than once\n= help: to require several, list them once: `requires = [Admin, EditPost]`",
        ));
    }
    input.parse::<Token![=]>()?;
    let expected = |e: syn::Error| syn::Error::new(e.span(), EXPECTED);
    // A bracket is a list of markers here, never a slice type.
    let (list, markers) = if input.peek(syn::token::Bracket) {
        let content;
        let bracket = bracketed!(content in input);
        let markers =
            Punctuated::<Type, Token![,]>::parse_terminated(&content).map_err(expected)?;
        (Some(bracket), markers.into_iter().collect())
    } else {
        (None, vec![input.parse::<Type>().map_err(expected)?])
    };
    *slot = Some(Requires { key, list, markers });
    Ok(())
}
