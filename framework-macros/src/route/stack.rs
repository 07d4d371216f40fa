//! Several rules for one view: route attributes stacked on one function
//! (`#[get("/")] #[get("/page/<page>")]`), Flask's stacked `@app.route`. The first
//! attribute to expand (the one written first) takes the others off the function and
//! expands them all together, as one view.

use syn::{ItemFn, Meta};

use super::attr::RouteArgs;
use crate::diag::Errors;
use crate::symbol::{self, Declares};

/// Removes the other route attributes of `item` and parses them, in the order they
/// are written. One that does not parse is reported (and left out).
pub(crate) fn take(
    item: &mut ItemFn,
    errors: &mut Errors,
) -> Vec<(RouteArgs, Option<&'static str>)> {
    let mut rules = Vec::new();
    let mut kept = Vec::new();
    for attr in std::mem::take(&mut item.attrs) {
        let Some(Declares::Route(method)) = symbol::declared_by(&attr) else {
            kept.push(attr);
            continue;
        };
        let parsed = match &attr.meta {
            Meta::List(list) => syn::parse2::<RouteArgs>(list.tokens.clone()),
            _ => Err(syn::Error::new_spanned(&attr, super::attr::EXPECTED_PATH)),
        };
        match parsed {
            Ok(args) => rules.push((args, method)),
            Err(error) => errors.push(error),
        }
    }
    item.attrs = kept;
    rules
}
