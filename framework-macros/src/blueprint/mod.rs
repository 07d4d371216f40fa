//! `#[blueprint]` on an inline module: sees every route, hook and error handler in
//! it before they expand, checks them together, and generates `blueprint()`.

pub(crate) mod attr;
mod collect;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemMod;

use crate::diag::Errors;
use crate::exports::private;

pub(crate) fn expand(args: attr::BlueprintArgs, mut module: ItemMod) -> TokenStream {
    let mut errors = Errors::new();
    let name = args
        .name
        .as_ref()
        .map(|n| n.value())
        .unwrap_or_else(|| module.ident.to_string().trim_start_matches("r#").to_owned());
    match &args.name {
        Some(lit) => validate::check_name(&name, lit, &mut errors),
        None => validate::check_name(&name, &module.ident, &mut errors),
    }
    let own_prefix = args.prefix.as_ref().map(|p| p.value()).unwrap_or_default();
    if let Some(lit) = &args.prefix {
        validate::check_prefix(lit, &mut errors);
    }
    // Nested in another blueprint: `parent.child`, under the parent's prefix.
    let (name, prefix) = match &args.parent {
        Some((parent, parent_prefix)) => (
            format!("{parent}.{name}"),
            crate::rule::join_prefix(Some(parent_prefix), &own_prefix),
        ),
        None => (name, own_prefix),
    };
    let Some((_, items)) = &mut module.content else {
        errors.spanned(
            &module,
            format!(
                "`#[blueprint]` needs the module's items inline, to see its routes\n= help: write `mod {} {{ ... }}` in this file",
                module.ident
            ),
        );
        // Only the error: re-emitting `mod name;` would add rustc's own errors about
        // file modules in macro input.
        let error = errors.finish().err().map(syn::Error::into_compile_error);
        return quote!(#error);
    };
    let collected = collect::collect(items, &name, &prefix, &mut errors);
    validate::check_duplicates(&name, &collected.routes, &mut errors);

    let p = private();
    let registered = &collected.items;
    let children = &collected.children;
    let doc = format!(
        "The blueprint `{name}` (prefix \"{prefix}\"), with every route, hook and error handler of this module."
    );
    items.push(syn::parse_quote! {
        #[doc = #doc]
        pub fn blueprint() -> #p::Blueprint {
            #p::Blueprint::new(#name, #prefix)
                #(.register(#registered {}))*
                #(.nest(#children::blueprint()))*
        }
    });
    let errors = errors.finish().err().map(syn::Error::into_compile_error);
    quote!(#errors #module)
}
