//! Finding the routes, hooks and error handlers inside a blueprint module, and
//! rewriting their attributes so they know their blueprint.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Attribute, Ident, Item, ItemFn, LitStr, Meta, Visibility};

use super::attr::BlueprintArgs;
use crate::diag::Errors;
use crate::route::attr::RouteArgs;
use crate::rule::encode_literal;
use crate::symbol::{self, Declares};

/// A route found in the module, for the duplicate check and the blueprint's copies.
pub(crate) struct FoundRoute {
    pub(crate) fn_name: Ident,
    /// The visibility of its proxy struct.
    pub(crate) vis: TokenStream,
    pub(crate) path: LitStr,
    pub(crate) methods: Vec<String>,
}

/// Everything registered by the blueprint, in source order.
pub(crate) struct Collected {
    pub(crate) items: Vec<Ident>,
    pub(crate) routes: Vec<FoundRoute>,
    /// Modules marked `#[blueprint]` inside this one: nested blueprints.
    pub(crate) children: Vec<Child>,
}

/// A nested blueprint: its module, and what its own prefix adds to this one's
/// (encoded, without a trailing `/`).
pub(crate) struct Child {
    pub(crate) module: Ident,
    pub(crate) vis: TokenStream,
    pub(crate) suffix: String,
}

/// What a function's attribute registers, when `#[blueprint]` collects it.
fn registers(attr: &Attribute) -> Option<Declares> {
    symbol::declared_by(attr).filter(|d| *d != Declares::Blueprint)
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
            Item::Mod(nested) => match nested
                .attrs
                .iter_mut()
                .find(|a| symbol::declared_by(a) == Some(Declares::Blueprint))
            {
                Some(attr) => {
                    let own_prefix = match &attr.meta {
                        Meta::List(list) => syn::parse2::<BlueprintArgs>(list.tokens.clone())
                            .ok()
                            .and_then(|args| args.prefix)
                            .map(|p| p.value())
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    tell_child(attr, name, prefix);
                    collected.children.push(Child {
                        module: nested.ident.clone(),
                        vis: child_vis(&nested.vis),
                        suffix: encode_literal(own_prefix.trim_end_matches('/')),
                    });
                }
                None => check_nested(nested, name, errors),
            },
            _ => {}
        }
    }
    collected
}

/// A nested blueprint module is at least `pub(crate)`, so that copies of its parent
/// (which live elsewhere in the crate) can reach it.
pub(crate) fn child_vis(vis: &Visibility) -> TokenStream {
    match vis {
        Visibility::Inherited => quote!(pub(crate)),
        vis => quote!(#vis),
    }
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
    let (key_name, key_prefix) = (
        format_ident!("{}", symbol::HIDDEN_PARENT),
        format_ident!("{}", symbol::HIDDEN_PARENT_PREFIX),
    );
    *attr = syn::parse_quote!(#[#path(#args #sep #key_name = #name, #key_prefix = #prefix)]);
}

fn collect_fn(item_fn: &mut ItemFn, name: &str, prefix: &str, collected: &mut Collected) {
    let mut registered = false;
    let vis = crate::handler::struct_vis(item_fn);
    for attr in &mut item_fn.attrs {
        let Some(declares) = registers(attr) else {
            continue;
        };
        registered = true;
        let args: TokenStream = match &attr.meta {
            Meta::List(list) => list.tokens.clone(),
            _ => TokenStream::new(),
        };
        if let Declares::Route(shortcut) = declares
            && let Ok(route) = syn::parse2::<RouteArgs>(args.clone())
        {
            let methods = match (&route.methods, shortcut) {
                (_, Some(m)) => vec![m.to_owned()],
                (Some((_, list)), None) => list.iter().map(|i| i.to_string()).collect(),
                (None, None) => vec!["GET".to_owned()],
            };
            collected.routes.push(FoundRoute {
                fn_name: item_fn.sig.ident.clone(),
                vis: vis.clone(),
                path: route.path,
                methods,
            });
        }
        // Keep the path the user wrote (so their import stays used) and add what the
        // attribute cannot know by itself.
        let path = attr.path().clone();
        let sep = if args.is_empty() { quote!() } else { quote!(,) };
        let (key_name, key_prefix) = (
            format_ident!("{}", symbol::HIDDEN_BLUEPRINT),
            format_ident!("{}", symbol::HIDDEN_PREFIX),
        );
        let hidden = quote!(#key_name = #name, #key_prefix = #prefix);
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
                if let Some(attr) = f.attrs.iter().find(|a| registers(a).is_some()) {
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
