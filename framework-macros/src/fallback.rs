//! On error, still emit the item (as its unit struct with a `call`, registrable as
//! nothing) next to the errors, so code that uses it does not pile up more errors
//! (thiserror's `fallback`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Ident, ItemFn, LitStr};

use crate::exports::private;
use crate::handler::{RegisteredBy, emit_fn_and_proxy, struct_vis};

pub(crate) fn item(item: &ItemFn, error: syn::Error) -> TokenStream {
    with_urls(item, error, TokenStream::new())
}

/// A route's fallback also has its URL parameters, taken from the path as far as it
/// reads and typed like the arguments of their names (`String` for one without), so
/// `url_for!` and `route::url(..)` of a route with a mistake add no errors of their
/// own.
pub(crate) fn route(item: &ItemFn, path: &LitStr, error: syn::Error) -> TokenStream {
    // A method sits in an `impl` or a trait, where the items below cannot: the
    // error alone, and the method as written.
    if matches!(item.sig.inputs.first(), Some(syn::FnArg::Receiver(_))) {
        let mut out = error.to_compile_error();
        out.extend(quote!(#item));
        return out;
    }
    let p = private();
    let name = &item.sig.ident;
    let fields = format_ident!("{}_url_params", name);
    let vis = struct_vis(item);
    let (names, types): (Vec<Ident>, Vec<TokenStream>) = param_names(&path.value())
        .into_iter()
        .filter_map(|param| syn::parse_str::<Ident>(&param).ok())
        .map(|param| {
            let ty = item
                .sig
                .inputs
                .iter()
                .find_map(|arg| match arg {
                    syn::FnArg::Typed(typed) => match &*typed.pat {
                        syn::Pat::Ident(pat)
                            if pat.ident == param
                                && item.sig.generics.params.is_empty()
                                && !matches!(&*typed.ty, syn::Type::ImplTrait(_)) =>
                        {
                            let ty = &typed.ty;
                            Some(quote!(#ty))
                        }
                        _ => None,
                    },
                    syn::FnArg::Receiver(_) => None,
                })
                .unwrap_or_else(|| quote!(::std::string::String));
            (param, ty)
        })
        .unzip();
    let urls = quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #fields {
            #(pub #names: #types,)*
        }

        impl #name {
            #[doc(hidden)]
            #[allow(clippy::too_many_arguments, unused_variables)]
            #vis fn url(#(#names: impl #p::UrlArg<#types>),*) -> #p::Url {
                #p::Url::from_path("")
            }
        }

        const _: () = {
            #[automatically_derived]
            impl #p::UrlParams for #name {
                type Fields = #fields;
                type Rules = Self;
                const RULES: &'static [&'static [&'static str]] = &[];
                fn build(_: #fields, _: #p::Token) -> #p::Url {
                    #p::Url::from_path("")
                }
            }

            #[automatically_derived]
            impl<const RULE: usize> #p::UrlRule<RULE> for #name {
                type Fields = #fields;
                fn build(_: #fields, _: #p::Token) -> #p::Url {
                    #p::Url::from_path("")
                }
            }
        };
    };
    with_urls(item, error, urls)
}

/// The names in `<..>` of a path, whether or not the path is valid otherwise.
fn param_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some((_, after)) = rest.split_once('<') {
        let Some((inner, next)) = after.split_once('>') else {
            break;
        };
        let name = inner.rsplit(':').next().unwrap_or(inner).trim();
        if !names.iter().any(|n: &String| n == name) {
            names.push(name.to_owned());
        }
        rest = next;
    }
    names
}

fn with_urls(item: &ItemFn, error: syn::Error, urls: TokenStream) -> TokenStream {
    let p = private();
    let name = &item.sig.ident;
    let errors = error.into_compile_error();
    let head = emit_fn_and_proxy(item, "The item", RegisteredBy::Nothing);
    quote! {
        #errors
        #head
        const _: () = {
            #[automatically_derived]
            impl #p::Register for #name {
                fn register(self, _: &mut #p::Scaffold) {}
            }
        };
        #urls
    }
}
