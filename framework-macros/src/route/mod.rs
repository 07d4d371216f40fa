//! `#[route]` and its shortcuts: parse (`attr`, `model`, `stack` for several rules on
//! one view), check (`validate`, `defaults`), expand.

pub(crate) mod attr;
pub(crate) mod defaults;
mod expand;
pub(crate) mod model;
pub(crate) mod stack;
mod validate;

use proc_macro2::TokenStream;
use syn::ItemFn;

use crate::diag::Errors;

/// Expands a route attribute; `method` is set for the shortcuts (`#[get]`, …). Route
/// attributes stacked below it on the same function are rules of the same view.
pub(crate) fn expand(
    args: attr::RouteArgs,
    mut item: ItemFn,
    method: Option<&'static str>,
) -> TokenStream {
    let mut errors = Errors::new();
    let path = args.path.clone();
    let mut all = vec![(args, method)];
    all.extend(stack::take(&mut item, &mut errors));
    let mut rules = Vec::new();
    for (index, (args, method)) in all.into_iter().enumerate() {
        if let Some(rule) = model::Route::build(args, &item, method, index == 0, &mut errors) {
            rules.push(rule);
        }
    }
    let view_params: Vec<String> = rules
        .iter()
        .flat_map(|r| r.rule.params().map(|(p, _)| p.to_owned()))
        .collect();
    for (index, rule) in rules.iter().enumerate() {
        let others: Vec<String> = view_params
            .iter()
            .filter(|p| !rule.rule.params().any(|(own, _)| own == p.as_str()))
            .cloned()
            .collect();
        validate::check(rule, &others, index == 0, &mut errors);
    }
    defaults::check(&rules, &mut errors);
    match errors.finish() {
        Ok(()) if !rules.is_empty() => expand::view(&rules),
        Ok(()) => crate::fallback::route(
            &item,
            &path,
            syn::Error::new(proc_macro2::Span::call_site(), "invalid route"),
        ),
        Err(error) => crate::fallback::route(&item, &path, error),
    }
}
