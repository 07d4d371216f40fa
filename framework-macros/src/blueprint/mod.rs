//! `#[blueprint]` on an inline module: sees every route, hook and error handler in
//! it before they expand, checks them together, and generates `blueprint()`.

pub(crate) mod attr;
mod collect;
mod copy;
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
    // A prefix with a mistake is reported once, here; the routes are expanded
    // without it, so they add no errors of their own.
    let own_prefix = match &args.prefix {
        Some(lit) if validate::check_prefix(lit, &mut errors) => lit.value(),
        _ => String::new(),
    };
    // Nested in another blueprint: `parent.child`, under the parent's prefix.
    let (name, prefix) = match &args.parent {
        Some((parent, parent_prefix)) => (
            format!("{parent}.{name}"),
            crate::rule::join_prefix(Some(parent_prefix), &own_prefix),
        ),
        None => (name, own_prefix),
    };
    if args.parent.is_some() {
        // Copies of the parent, elsewhere in the crate, reach this module.
        module.vis = syn::parse2(collect::child_vis(&module.vis)).unwrap_or(module.vis);
    }
    if let Some(requires) = &args.requires {
        crate::requires::validate::check(requires, &mut errors);
    }
    if let Some(of) = &args.of {
        if let Some(requires) = &args.requires {
            errors.at(
                requires.key,
                "a copy of a blueprint has the original's guard: put `requires` on the original",
            );
        }
        return expand_copy(of, &args, &name, &prefix, module, errors);
    }
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
    let rate_limit = args
        .rate_limit
        .as_ref()
        .and_then(|arg| crate::rate_limit::expand(arg, None, &mut errors))
        .map(|limits| quote!(.rate_limit(#limits)));
    // The guard of `requires` is the blueprint's first hook.
    let (guard, guard_item) = match &args.requires {
        Some(requires) => {
            let (items, registered) =
                crate::requires::blueprint_guard(requires, &module.ident, &name);
            (items, Some(registered))
        }
        None => (TokenStream::new(), None),
    };
    let guard_item = guard_item.iter();
    let registered = &collected.items;
    let children: Vec<&syn::Ident> = collected.children.iter().map(|c| &c.module).collect();
    let copy_macro = copy::copy_macro(&prefix, &collected.routes, &collected.children);
    items.push(syn::Item::Verbatim(copy_macro));
    let doc = format!(
        "The blueprint `{name}` (prefix \"{prefix}\"), with every route, hook and error handler of this module."
    );
    items.push(syn::parse_quote! {
        #[doc = #doc]
        pub fn blueprint() -> #p::Blueprint {
            #p::Blueprint::new(#name, #prefix)
                #rate_limit
                #(.register(#guard_item))*
                #(.register(#registered {}))*
                #(.nest(#children::blueprint()))*
        }
    });
    // A file's own blueprint (`auth.rs` holding `mod auth { .. }`, the way to keep a
    // blueprint per file): clippy would call the module's name a repetition, and its
    // items would read `auth::auth::login`; they are re-exported into the file's
    // module, so paths read `crate::auth::login` and `routes![auth]` finds it.
    module
        .attrs
        .push(syn::parse_quote!(#[allow(clippy::module_inception)]));
    let reexport = (args.parent.is_none() && file_named(&module.ident)).then(|| {
        let vis = &module.vis;
        let ident = &module.ident;
        quote!(#vis use self::#ident::*;)
    });
    let errors = errors.finish().err().map(syn::Error::into_compile_error);
    quote!(#errors #module #reexport #guard)
}

/// Whether the macro is expanding in the file of a module named `ident`
/// (`ident.rs` or `ident/mod.rs`).
fn file_named(ident: &syn::Ident) -> bool {
    if !proc_macro::is_available() {
        return false;
    }
    let Some(file) = proc_macro::Span::call_site().local_file() else {
        return false;
    };
    let name = ident.to_string();
    let name = name.trim_start_matches("r#");
    match file.file_stem().and_then(|stem| stem.to_str()) {
        Some("mod") => file
            .parent()
            .and_then(|dir| dir.file_name())
            .is_some_and(|dir| dir == name),
        Some(stem) => stem == name,
        None => false,
    }
}

/// `#[blueprint(of = module, ..)]`: the module is a copy of `module`'s blueprint.
fn expand_copy(
    of: &syn::Path,
    args: &attr::BlueprintArgs,
    name: &str,
    prefix: &str,
    mut module: ItemMod,
    mut errors: Errors,
) -> TokenStream {
    if args.prefix.is_none() {
        errors.spanned(
            of,
            format!(
                "a copy of a blueprint needs a `prefix` of its own, or its routes would answer the original's URLs\n= help: write `#[blueprint(of = {}, prefix = \"/{}\")]`",
                quote!(#of).to_string().replace(' ', ""),
                module.ident
            ),
        );
    }
    if let Some(arg) = &args.rate_limit {
        errors.spanned(
            &arg.text,
            "a copy of a blueprint has the rate limits of its original\n= help: give the limit to the original's `#[blueprint(..)]`, or to each route",
        );
    }
    match &module.content {
        Some((_, items)) if !items.is_empty() => errors.spanned(
            &items[0],
            format!(
                "`{}` is a copy of another blueprint, so it holds nothing of its own\n= help: its routes, hooks and error handlers are those of `{}`; leave the module empty",
                module.ident,
                quote!(#of).to_string().replace(' ', "")
            ),
        ),
        Some(_) => {}
        None => errors.spanned(
            &module,
            format!(
                "`#[blueprint(of = ..)]` needs an empty inline module\n= help: write `mod {} {{}}`",
                module.ident
            ),
        ),
    }
    if let Err(error) = errors.finish() {
        return error.into_compile_error();
    }
    let doc = format!(
        "The blueprint `{name}` (prefix \"{prefix}\"): a copy of `{}` under this name and prefix.",
        quote!(#of).to_string().replace(' ', "")
    );
    let body = copy::expand_copy(of, name, prefix, &doc);
    module.content = Some((Default::default(), vec![syn::Item::Verbatim(body)]));
    quote!(#module)
}
