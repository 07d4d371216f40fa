//! The generated checks of `requires`: each marker named once, at its own span, so
//! a misspelt name or a type that cannot be required is one error there.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use super::Requires;
use crate::exports::{private, private_at, public_at};

/// The statements that run the guards on `parts` (a `&mut Parts` in scope), in
/// order, and, at the first refusal, run `reject` with the rejection in
/// `__fw_rejection`.
fn check(requires: &Requires, parts: TokenStream, reject: TokenStream) -> TokenStream {
    let p = private();
    requires
        .markers
        .iter()
        .map(|ty| {
            // Spanned on the marker: an undeclared or wrong marker is reported there,
            // once, as the missing `Requirement` of the public trait (the guard is its
            // projection).
            let (pt, public) = (private_at(ty.span()), public_at(ty.span()));
            let call =
                quote_spanned!(ty.span()=> #pt::require::<<#ty as #public::Requirement>::Guard>);
            quote! {
                if let #p::Err(__fw_rejection) = #call(#parts).await {
                    #reject
                }
            }
        })
        .collect()
}

/// The check of a route's view, after its path parameters.
pub(crate) fn route_check(requires: &Requires) -> TokenStream {
    let p = private();
    check(
        requires,
        quote!(&mut __fw_parts),
        quote!(return #p::rejected(__fw_rejection).await;),
    )
}

/// The check of a `before_request` hook, before its own arguments.
pub(crate) fn hook_check(requires: &Requires) -> TokenStream {
    let p = private();
    check(
        requires,
        quote!(&mut *__fw_parts),
        quote!(return #p::Some(#p::rejected_response(__fw_rejection).await);),
    )
}

/// `requires` belongs to `before_request` hooks: the others run after the view has
/// already answered.
pub(crate) fn check_hook_kind(requires: &Requires, attribute: &str) -> Option<syn::Error> {
    (!attribute.starts_with("before_")).then(|| {
        syn::Error::new(
            requires.key,
            format!(
                "`#[{attribute}]` cannot take `requires`: it runs after the view has answered\n= help: put `requires` on the route, on the blueprint, or on a `#[before_request]` hook"
            ),
        )
    })
}

/// A blueprint's guard: a `before_request` hook of the blueprint, registered before
/// its own hooks, written beside the module (where the marker is named), and the
/// name of its struct for the module's `blueprint()` to register (`super::…`).
pub(crate) fn blueprint_guard(
    requires: &Requires,
    module: &Ident,
    blueprint: &str,
) -> (TokenStream, TokenStream) {
    let p = private();
    let name = format_ident!("__fw_requires_{}", module);
    let doc = format!("The guard of the blueprint `{blueprint}` (its `requires`).");
    let check = hook_check(requires);
    let span = requires.key;
    let hook_name = crate::symbol::REQUIRES;
    let location = quote_spanned! {span=>
        #p::Location { file: ::core::file!(), line: ::core::line!(), column: ::core::column!() }
    };
    let items = quote! {
        #[doc = #doc]
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        pub(crate) struct #name {}

        const _: () = {
            fn __fw_hook<'a>(__fw_parts: &'a mut #p::Parts) -> #p::BoxFuture<'a, #p::Option<#p::Response>> {
                #p::Box::pin(async move {
                    #check
                    #p::None
                })
            }

            #[automatically_derived]
            impl #p::Register for #name {
                fn register(self, scaffold: &mut #p::Scaffold) {
                    scaffold.add_hook(#p::HookDef {
                        name: #hook_name,
                        blueprint: #p::Some(#blueprint),
                        app_wide: false,
                        location: #location,
                        kind: #p::HookKind::Before(__fw_hook),
                    });
                }
            }
        };
    };
    (items, quote!(super::#name {}))
}
