//! Finding the routes, hooks and error handlers inside a blueprint module, and
//! rewriting their attributes so they know their blueprint.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Ident, Item, ItemFn, LitStr, Meta};

use crate::diag::Errors;
use crate::route::attr::RouteArgs;

/// The attributes `#[blueprint]` collects, with the method of the route shortcuts.
const ROUTE_ATTRS: &[(&str, Option<&str>)] = &[
    ("route", None),
    ("get", Some("GET")),
    ("post", Some("POST")),
    ("put", Some("PUT")),
    ("patch", Some("PATCH")),
    ("delete", Some("DELETE")),
];
const HOOK_ATTRS: &[&str] = &[
    "before_request",
    "before_app_request",
    "after_request",
    "after_app_request",
    "teardown_request",
    "teardown_app_request",
    "errorhandler",
    "app_errorhandler",
];

/// A route found in the module, for the duplicate check.
pub(crate) struct FoundRoute {
    pub(crate) fn_name: Ident,
    pub(crate) path: LitStr,
    pub(crate) methods: Vec<String>,
}

/// Everything registered by the blueprint, in source order.
pub(crate) struct Collected {
    pub(crate) items: Vec<Ident>,
    pub(crate) routes: Vec<FoundRoute>,
    /// Modules marked `#[blueprint]` inside this one: nested blueprints.
    pub(crate) children: Vec<Ident>,
}

fn attr_name(attr: &Attribute) -> Option<String> {
    let name = attr.path().segments.last()?.ident.to_string();
    let known = ROUTE_ATTRS.iter().any(|(n, _)| *n == name) || HOOK_ATTRS.contains(&name.as_str());
    known.then_some(name)
}

/// Rewrites the framework attributes on the module's functions (in place) and lists
/// what they register.
pub(crate) fn collect(
    items: &mut [Item],
    name: &str,
    prefix: &str,
    errors: &mut Errors,
) -> Collected {
    let mut collected = Collected {
        items: Vec::new(),
        routes: Vec::new(),
        children: Vec::new(),
    };
    for item in items.iter_mut() {
        match item {
            Item::Fn(item_fn) => collect_fn(item_fn, name, prefix, &mut collected),
            Item::Mod(nested) => match nested.attrs.iter_mut().find(|a| {
                a.path()
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "blueprint")
            }) {
                Some(attr) => {
                    tell_child(attr, name, prefix);
                    collected.children.push(nested.ident.clone());
                }
                None => check_nested(nested, name, errors),
            },
            _ => {}
        }
    }
    collected
}

/// A nested `#[blueprint]` learns its parent's full name and prefix (it is
/// `parent.child`, under the parent's prefix).
fn tell_child(attr: &mut Attribute, name: &str, prefix: &str) {
    let args: TokenStream = match &attr.meta {
        Meta::List(list) => list.tokens.clone(),
        _ => TokenStream::new(),
    };
    let path = attr.path().clone();
    let sep = if args.is_empty() { quote!() } else { quote!(,) };
    *attr = syn::parse_quote!(#[#path(#args #sep __parent = #name, __parent_prefix = #prefix)]);
}

fn collect_fn(item_fn: &mut ItemFn, name: &str, prefix: &str, collected: &mut Collected) {
    let mut registered = false;
    for attr in &mut item_fn.attrs {
        let Some(attr_kind) = attr_name(attr) else {
            continue;
        };
        registered = true;
        let args: TokenStream = match &attr.meta {
            Meta::List(list) => list.tokens.clone(),
            _ => TokenStream::new(),
        };
        if let Some((_, shortcut)) = ROUTE_ATTRS.iter().find(|(n, _)| *n == attr_kind)
            && let Ok(route) = syn::parse2::<RouteArgs>(args.clone())
        {
            let methods = match (&route.methods, shortcut) {
                (_, Some(m)) => vec![(*m).to_owned()],
                (Some((_, list)), None) => list.iter().map(|i| i.to_string()).collect(),
                (None, None) => vec!["GET".to_owned()],
            };
            collected.routes.push(FoundRoute {
                fn_name: item_fn.sig.ident.clone(),
                path: route.path,
                methods,
            });
        }
        // Keep the path the user wrote (so their import stays used) and add what the
        // attribute cannot know by itself.
        let path = attr.path().clone();
        let sep = if args.is_empty() { quote!() } else { quote!(,) };
        let hidden = quote!(__blueprint = #name, __prefix = #prefix);
        *attr = syn::parse_quote!(#[#path(#args #sep #hidden)]);
    }
    if registered {
        collected.items.push(item_fn.sig.ident.clone());
    }
}

/// Routes in a nested module would not be part of the blueprint: say so.
fn check_nested(nested: &syn::ItemMod, name: &str, errors: &mut Errors) {
    let Some((_, items)) = &nested.content else {
        return;
    };
    for item in items {
        match item {
            Item::Fn(f) => {
                if let Some(attr) = f.attrs.iter().find(|a| attr_name(a).is_some()) {
                    let fn_name = &f.sig.ident;
                    let module = &nested.ident;
                    errors.spanned(
                        attr,
                        format!(
                            "`{fn_name}` is in module `{module}`, nested inside blueprint `{name}`, so it would not be registered\n= help: move it into the blueprint module itself, or make `{module}` a `#[blueprint]` of its own"
                        ),
                    );
                }
            }
            Item::Mod(inner) => check_nested(inner, name, errors),
            _ => {}
        }
    }
}
