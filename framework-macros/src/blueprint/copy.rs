//! Copies of a blueprint registered under another name and prefix
//! (`#[blueprint(of = api, name = "api_v2", prefix = "/v2")] mod api_v2 {}`), with
//! typed links of their own.
//!
//! An attribute sees only its own module, so the copy cannot read the original's
//! routes. Instead every blueprint carries a hidden `macro_rules!` that writes them:
//! expanded inside the copy, it makes one proxy struct per route, whose URL is the
//! original's with the original's prefix replaced by the copy's, and a copy of each
//! nested blueprint. Every module involved also has `__FW_BASE`, the encoded prefix
//! its URLs start with, so a copy of a copy works the same way.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Path};

use super::collect::{Child, FoundRoute};
use crate::exports::private;
use crate::rule::encode_literal;

/// The encoded text a prefix puts in front of its rules (`/auth/` → `/auth`).
pub(crate) fn base(prefix: &str) -> String {
    encode_literal(prefix.trim_end_matches('/'))
}

/// What every blueprint module gets: `__FW_BASE`, and `blueprint::copy!`, which
/// writes the proxies of a copy where it is expanded. The copy's module holds
/// `__fw_of`, the module it copies. The macro's module is named `blueprint`, like
/// the function beside it (another namespace), so that `of = helpers` naming a
/// module that is not a blueprint reads "could not find `blueprint` in `helpers`".
pub(crate) fn copy_macro(prefix: &str, routes: &[FoundRoute], children: &[Child]) -> TokenStream {
    let p = private();
    let base = base(prefix);
    // A view with several rules is one route here: one proxy.
    let mut views: Vec<&FoundRoute> = Vec::new();
    for route in routes {
        if !views.iter().any(|v| v.fn_name == route.fn_name) {
            views.push(route);
        }
    }
    let proxies = views.into_iter().map(|route| {
        let name = &route.fn_name;
        let vis = &route.vis;
        let doc = format!("The route `{name}` in this copy of the blueprint: its URL.");
        quote! {
            #[doc = #doc]
            #[allow(non_camel_case_types, dead_code)]
            #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default)]
            #vis struct #name {}

            #[automatically_derived]
            impl #p::UrlParams for #name {
                type Fields = <__fw_of::#name as #p::UrlParams>::Fields;
                type Rules = Self;
                const RULES: &'static [&'static [&'static str]] =
                    <__fw_of::#name as #p::UrlParams>::RULES;
                fn build(fields: Self::Fields, token: #p::Token) -> #p::Url {
                    #p::rebase(
                        <__fw_of::#name as #p::UrlParams>::build(fields, token),
                        __fw_of::__FW_BASE,
                        __FW_BASE,
                    )
                }
            }

            #[automatically_derived]
            impl<const RULE: usize> #p::UrlRule<RULE> for #name
            where
                __fw_of::#name: #p::UrlRule<RULE>,
            {
                type Fields = <__fw_of::#name as #p::UrlRule<RULE>>::Fields;
                fn build(fields: Self::Fields, token: #p::Token) -> #p::Url {
                    #p::rebase(
                        <__fw_of::#name as #p::UrlRule<RULE>>::build(fields, token),
                        __fw_of::__FW_BASE,
                        __FW_BASE,
                    )
                }
            }
        }
    });
    let nested = children.iter().map(|child| {
        let module = &child.module;
        let vis = &child.vis;
        let suffix = &child.suffix;
        quote! {
            #vis mod #module {
                use super::__fw_of::#module as __fw_of;
                __fw_of::blueprint::copy!($($base,)* #suffix);
            }
        }
    });
    quote! {
        #[doc(hidden)]
        pub(crate) const __FW_BASE: &str = #base;

        #[doc(hidden)]
        pub(crate) mod blueprint {
            /// Writes the routes' proxies of a copy of this blueprint, whose URLs
            /// start with the pieces given.
            macro_rules! __fw_copy {
                (name = $name:literal, prefix = $prefix:literal, base = $base:literal, doc = $doc:literal) => {
                    #[doc = $doc]
                    pub fn blueprint() -> #p::Blueprint {
                        __fw_of::blueprint().renamed($name, $prefix)
                    }
                    __fw_of::blueprint::copy!($base);
                };
                ($($base:literal),*) => {
                    #[doc(hidden)]
                    pub(crate) const __FW_BASE: &str = ::core::concat!($($base),*);
                    #(#proxies)*
                    #(#nested)*
                    #[doc(hidden)]
                    pub(crate) mod blueprint {
                        #[allow(unused_imports)]
                        pub(crate) use super::__fw_of::blueprint::copy;
                    }
                };
            }
            #[allow(unused_imports)]
            pub(crate) use __fw_copy as copy;
        }
    }
}

/// The module of a copy: the original's macro writes its `blueprint()`, which
/// renames the original's, and the proxies.
pub(crate) fn expand_copy(of: &Path, name: &str, prefix: &str, doc: &str) -> TokenStream {
    let path = from_inside(of);
    let base = base(prefix);
    let invoke = quote_spanned! {of.span()=>
        #path::blueprint::copy!(name = #name, prefix = #prefix, base = #base, doc = #doc);
    };
    quote! {
        #[doc(hidden)]
        use #path as __fw_of;
        #invoke
    }
}

/// `path` as written beside the module, for use inside it: relative paths go through
/// `super`.
fn from_inside(path: &Path) -> Path {
    let mut path = path.clone();
    if path.leading_colon.is_some() {
        return path;
    }
    let Some(first) = path.segments.first_mut() else {
        return path;
    };
    let first_name = first.ident.to_string();
    match first_name.as_str() {
        "crate" | "$crate" => {}
        "self" => first.ident = Ident::new("super", first.ident.span()),
        _ => {
            let span = first.ident.span();
            path.segments
                .insert(0, syn::PathSegment::from(Ident::new("super", span)));
        }
    }
    path
}
