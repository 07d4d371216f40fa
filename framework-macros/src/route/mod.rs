//! `#[route]` and its shortcuts: parse (`attr`, `model`), check (`validate`), expand.

pub(crate) mod attr;
mod expand;
pub(crate) mod model;
mod validate;

use proc_macro2::TokenStream;
use syn::ItemFn;

use crate::diag::Errors;

/// Expands a route attribute; `method` is set for the shortcuts (`#[get]`, …).
pub(crate) fn expand(
    args: attr::RouteArgs,
    item: ItemFn,
    method: Option<&'static str>,
) -> TokenStream {
    let mut errors = Errors::new();
    let path = args.path.clone();
    let route = model::Route::build(args, &item, method, &mut errors);
    if let Some(route) = &route {
        validate::check(route, &mut errors);
    }
    match (errors.finish(), route) {
        (Ok(()), Some(route)) => expand::route(&route),
        (Err(error), _) => crate::fallback::route(&item, &path, error),
        (Ok(()), None) => crate::fallback::route(
            &item,
            &path,
            syn::Error::new(proc_macro2::Span::call_site(), "invalid route"),
        ),
    }
}
