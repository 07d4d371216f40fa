//! `requires = Marker` or `requires = [A, B]` on a route, a blueprint or a
//! `before_request` hook: each marker's guard (`framework_core::Requirement`) runs
//! in the order written, and the first rejection is the answer. Parsed here,
//! checked in `validate`, generated in `expand`; routes, blueprints and hooks
//! without `requires` generate nothing for it.

mod expand;
pub(crate) mod validate;

pub(crate) use expand::{blueprint_guard, check_hook_kind, hook_check, route_check};

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Token, Type, bracketed};

/// `requires = Marker` or `requires = [A, B, ..]`, as written.
pub(crate) struct Requires {
    /// The `requires` key, for messages about the whole argument.
    pub(crate) key: Span,
    /// The brackets, when the markers are written as a list.
    pub(crate) list: Option<syn::token::Bracket>,
    /// The markers, in the order their guards run.
    pub(crate) markers: Vec<Type>,
}

const EXPECTED: &str = "expected the role, permission or scope to require, e.g. `requires = Admin` or `requires = [Admin, EditPost]`";

/// Parses what follows the `requires` key (at `key`): `= Marker` or `= [A, B]`.
pub(crate) fn parse(input: ParseStream, key: Span) -> syn::Result<Requires> {
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
    Ok(Requires { key, list, markers })
}
