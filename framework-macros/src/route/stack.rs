//! Several rules for one view: route attributes stacked on one function
//! (`#[get("/")] #[get("/page/<page>")]`), Flask's stacked `@app.route`. The first
//! attribute to expand (the one written first) takes the others off the function and
//! expands them all together, as one view.

use syn::{Attribute, ItemFn, Meta};

use super::attr::RouteArgs;
use crate::diag::Errors;

/// The route attributes and the method their shortcut stands for.
pub(crate) const ROUTE_ATTRS: &[(&str, Option<&str>)] = &[
    ("route", None),
    ("get", Some("GET")),
    ("post", Some("POST")),
    ("put", Some("PUT")),
    ("patch", Some("PATCH")),
    ("delete", Some("DELETE")),
];

/// The shortcut method of a route attribute, `Some(None)` for `#[route]`, `None` for
/// an attribute that is not a route's.
pub(crate) fn route_attr(attr: &Attribute) -> Option<Option<&'static str>> {
    let name = attr.path().segments.last()?.ident.to_string();
    ROUTE_ATTRS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, method)| *method)
}

/// Removes the other route attributes of `item` and parses them, in the order they
/// are written. One that does not parse is reported (and left out).
pub(crate) fn take(
    item: &mut ItemFn,
    errors: &mut Errors,
) -> Vec<(RouteArgs, Option<&'static str>)> {
    let mut rules = Vec::new();
    let mut kept = Vec::new();
    for attr in std::mem::take(&mut item.attrs) {
        let Some(method) = route_attr(&attr) else {
            kept.push(attr);
            continue;
        };
        let parsed = match &attr.meta {
            Meta::List(list) => syn::parse2::<RouteArgs>(list.tokens.clone()),
            _ => Err(syn::Error::new_spanned(
                &attr,
                "expected a path, e.g. `#[route(\"/users/<id>\")]` or `#[get(\"/\")]`",
            )),
        };
        match parsed {
            Ok(args) => rules.push((args, method)),
            Err(error) => errors.push(error),
        }
    }
    item.attrs = kept;
    rules
}
