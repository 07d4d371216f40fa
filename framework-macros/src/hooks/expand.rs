//! The code a hook or error handler becomes: its unit struct, the boxed function
//! the runtime calls, and its registration.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ReturnType;
use syn::spanned::Spanned;

use super::attr::ErrorKey;
use super::{Hook, Kind};
use crate::exports::{convert_value, private, private_at};
use crate::handler::{
    RegisteredBy, await_if_async, emit_fn_and_proxy, is_error_ref, is_named, location,
};
use crate::requires::Requires;

/// A hook in a blueprint is registered by it; one outside, by `routes![..]`.
fn registered_by(hook: &Hook) -> RegisteredBy {
    match hook.blueprint {
        Some(_) => RegisteredBy::Blueprint,
        None => RegisteredBy::Routes,
    }
}

pub(crate) fn hook(kind: Kind, hook: &Hook, requires: Option<&Requires>) -> TokenStream {
    let p = private();
    let name = &hook.item.sig.ident;
    let head = emit_fn_and_proxy(
        hook.item,
        &format!("The `#[{}]` hook", hook.attribute),
        registered_by(hook),
    );
    let awaited = await_if_async(hook.item, output_span(hook));
    let output_span = output_span(hook);
    let po = private_at(output_span);

    let mut lets = Vec::new();
    // Only `before_request` hooks take `requires` (checked when parsing).
    lets.extend(requires.map(crate::requires::hook_check));
    let mut call_args = Vec::new();
    for (i, arg) in hook.args.iter().enumerate() {
        let var = format_ident!("__fw_a{}", i);
        let ty = &arg.ty;
        if kind == Kind::After && is_named(ty, "Response") {
            call_args.push(quote!(__fw_response));
            continue;
        }
        if kind == Kind::Teardown && is_error_ref(ty) {
            call_args.push(quote!(__fw_error));
            continue;
        }
        let pt = private_at(ty.span());
        let extract =
            quote_spanned!(ty.span()=> <#ty as #pt::HookArg>::extract(__fw_parts, #pt::TOKEN));
        let on_reject = match kind {
            Kind::Before => quote!(return #p::Some(#p::rejected_response(rejection).await)),
            Kind::After => quote!(return #p::rejected_response(rejection).await),
            Kind::Teardown => quote!(return),
        };
        lets.push(quote_spanned! {ty.span()=>
            let #var: #ty = match #extract.await {
                #pt::Ok(value) => value,
                #pt::Err(rejection) => { let _ = &rejection; #on_reject }
            };
        });
        call_args.push(quote!(#var));
    }

    let (signature, body, variant) = match kind {
        Kind::Before => {
            let outcome = convert_value(
                output_span,
                quote!(#name(#(#call_args),*) #awaited),
                quote_spanned!(output_span=> #po::HookOutcome::into_outcome),
                TokenStream::new(),
            );
            (
                quote!(fn __fw_hook<'a>(__fw_parts: &'a mut #p::Parts) -> #p::BoxFuture<'a, #p::Option<#p::Response>>),
                outcome,
                quote!(Before),
            )
        }
        Kind::After => {
            let outcome = convert_value(
                output_span,
                quote!(#name(#(#call_args),*) #awaited),
                quote_spanned!(output_span=> #po::AfterOutcome::into_final),
                TokenStream::new(),
            );
            (
                quote!(fn __fw_hook<'a>(__fw_response: #p::Response, __fw_parts: &'a mut #p::Parts) -> #p::BoxFuture<'a, #p::Response>),
                outcome,
                quote!(After),
            )
        }
        Kind::Teardown => (
            quote!(fn __fw_hook<'a>(__fw_parts: &'a mut #p::Parts, __fw_error: #p::Option<&'a #p::Error>) -> #p::BoxFuture<'a, ()>),
            quote!(#name(#(#call_args),*) #awaited;),
            quote!(Teardown),
        ),
    };
    let mut unused = if requires.is_some() {
        TokenStream::new()
    } else {
        unused_parts(hook, kind)
    };
    if kind == Kind::Teardown && !hook.args.iter().any(|a| is_error_ref(&a.ty)) {
        unused.extend(quote!(let _ = __fw_error;));
    }
    let registration = registration(
        hook,
        quote!(add_hook),
        quote! {
            #p::HookDef {
                name: NAME,
                blueprint: BLUEPRINT,
                app_wide: APP_WIDE,
                location: __fw_location,
                kind: #p::HookKind::#variant(__fw_hook),
            }
        },
    );
    quote! {
        #head
        const _: () = {
            #signature {
                #p::Box::pin(async move {
                    #unused
                    #(#lets)*
                    #body
                })
            }

            #registration
        };
    }
}

pub(crate) fn errorhandler(key: &ErrorKey, hook: &Hook) -> TokenStream {
    let p = private();
    let name = &hook.item.sig.ident;
    let head = emit_fn_and_proxy(
        hook.item,
        &format!("The `#[{}]` error handler", hook.attribute),
        registered_by(hook),
    );
    let awaited = await_if_async(hook.item, output_span(hook));
    let output_span = output_span(hook);
    let po = private_at(output_span);

    let mut lets = Vec::new();
    let mut call_args = Vec::new();
    let mut uses_error = false;
    for (i, arg) in hook.args.iter().enumerate() {
        let var = format_ident!("__fw_a{}", i);
        let ty = &arg.ty;
        let is_error_arg = match key {
            ErrorKey::Type(_) => i == 0,
            ErrorKey::Status(_) => is_named(ty, "Error"),
        };
        if is_error_arg {
            uses_error = true;
            let value = match key {
                ErrorKey::Type(err_ty) => {
                    let pe = private_at(err_ty.span());
                    let convert = quote_spanned!(err_ty.span()=>
                        <#err_ty as #pe::ErrorType>::from_error(__fw_error, #pe::ERROR_TOKEN)
                    );
                    quote! {
                        match #convert {
                            #p::Ok(error) => error,
                            #p::Err(other) => return #p::IntoResponse::into_response(other),
                        }
                    }
                }
                ErrorKey::Status(_) => quote!(__fw_error),
            };
            lets.push(quote!(let #var: #ty = #value;));
            call_args.push(quote!(#var));
            continue;
        }
        let pt = private_at(ty.span());
        let extract =
            quote_spanned!(ty.span()=> <#ty as #pt::HookArg>::extract(__fw_parts, #pt::TOKEN));
        lets.push(quote_spanned! {ty.span()=>
            let #var: #ty = match #extract.await {
                #pt::Ok(value) => value,
                #pt::Err(rejection) => return #pt::rejected_response(rejection).await,
            };
        });
        call_args.push(quote!(#var));
    }
    let drop_error = if uses_error {
        TokenStream::new()
    } else {
        quote!(let _ = __fw_error;)
    };
    let unused = unused_parts(hook, Kind::Before);
    let outcome = convert_value(
        output_span,
        quote!(#name(#(#call_args),*) #awaited),
        quote_spanned!(output_span=> #po::AfterOutcome::into_final),
        TokenStream::new(),
    );
    let key_tokens = match key {
        ErrorKey::Status(code) => quote!(#p::ErrorKey::Status(#code)),
        ErrorKey::Type(ty) => {
            let ty_name = quote!(#ty).to_string().replace(' ', "");
            quote!(#p::ErrorKey::Type { id: #p::TypeId::of::<#ty>(), name: #ty_name })
        }
    };
    let registration = registration(
        hook,
        quote!(add_error_handler),
        quote! {
            #p::ErrorHandlerDef {
                name: NAME,
                blueprint: BLUEPRINT,
                app_wide: APP_WIDE,
                location: __fw_location,
                key: #key_tokens,
                func: __fw_handler,
            }
        },
    );
    quote! {
        #head
        const _: () = {
            fn __fw_handler<'a>(__fw_error: #p::Error, __fw_parts: &'a mut #p::Parts) -> #p::BoxFuture<'a, #p::Response> {
                #p::Box::pin(async move {
                    #drop_error
                    #unused
                    #(#lets)*
                    #outcome
                })
            }

            #registration
        };
    }
}

/// `let _ = __fw_parts;` when no argument reads the request.
fn unused_parts(hook: &Hook, kind: Kind) -> TokenStream {
    let reads = hook.args.iter().any(|a| {
        !(kind == Kind::After && is_named(&a.ty, "Response")
            || kind == Kind::Teardown && is_error_ref(&a.ty))
    });
    if reads {
        TokenStream::new()
    } else {
        quote!(let _ = __fw_parts;)
    }
}

fn output_span(hook: &Hook) -> proc_macro2::Span {
    match &hook.item.sig.output {
        ReturnType::Default => hook.item.sig.ident.span(),
        ReturnType::Type(_, ty) => ty.span(),
    }
}

/// `impl Register`, with the constants the definition uses.
fn registration(hook: &Hook, method: TokenStream, def: TokenStream) -> TokenStream {
    let p = private();
    let name = &hook.item.sig.ident;
    let name_text = name.to_string();
    let blueprint = match &hook.blueprint {
        Some(bp) => quote!(#p::Some(#bp)),
        None => quote!(#p::None),
    };
    let app_wide = hook.app_wide;
    let location = location(hook.item);
    quote! {
        #[automatically_derived]
        impl #p::Register for #name {
            fn register(self, scaffold: &mut #p::Scaffold) {
                const NAME: &str = #name_text;
                const BLUEPRINT: #p::Option<&str> = #blueprint;
                const APP_WIDE: bool = #app_wide;
                let __fw_location = #location;
                scaffold.#method(#def);
            }
        }
    }
}
