//! What routes and hooks share: reading a function's signature, spotting arguments
//! that look like values rather than extractors, and emitting the function as an
//! associated `call` of the unit struct that replaces it.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, Ident, ItemFn, Pat, Type, Visibility};

use crate::diag::Errors;

/// One argument of the user's function.
pub(crate) struct Arg {
    /// The argument's name when its pattern is a plain identifier (`id`, `mut id`).
    pub(crate) name: Option<Ident>,
    pub(crate) ty: Type,
    /// The whole `pat: Type`, for error spans.
    pub(crate) span: Span,
}

/// The arguments of `item`, reporting receivers and `impl Trait` arguments.
pub(crate) fn args(item: &ItemFn, what: &str, errors: &mut Errors) -> Vec<Arg> {
    let mut out = Vec::new();
    for input in &item.sig.inputs {
        match input {
            FnArg::Receiver(receiver) => {
                errors.spanned(receiver, format!("{what} cannot take `self`"));
            }
            FnArg::Typed(typed) => {
                if let Type::ImplTrait(_) = &*typed.ty {
                    errors.spanned(
                        &typed.ty,
                        format!("{what} cannot take an `impl Trait` argument: name the type"),
                    );
                }
                let name = match &*typed.pat {
                    Pat::Ident(p) if p.subpat.is_none() => Some(p.ident.clone()),
                    _ => None,
                };
                out.push(Arg {
                    name,
                    ty: (*typed.ty).clone(),
                    span: typed.span(),
                });
            }
        }
    }
    out
}

/// Functions must be plain: no generics, no `const`. (A C-variadic function is
/// rejected by the compiler itself.)
pub(crate) fn check_plain_fn(item: &ItemFn, what: &str, errors: &mut Errors) {
    let sig = &item.sig;
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.spanned(
            &sig.generics,
            format!("{what} cannot be generic: the framework calls it with concrete types"),
        );
    }
    if let Some(constness) = &sig.constness {
        errors.spanned(constness, format!("{what} cannot be `const fn`"));
    }
}

/// Types that can never be extractors: numbers, `bool`, `char`, strings, `Uuid`. An
/// argument of such a type that is not a path parameter is almost surely a typo in
/// its name (`idd` for `id`).
pub(crate) fn is_value_type(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => is_value_type(&r.elem),
        Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return false;
            };
            matches!(
                last.ident.to_string().as_str(),
                "i8" | "i16"
                    | "i32"
                    | "i64"
                    | "i128"
                    | "isize"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "u128"
                    | "usize"
                    | "f32"
                    | "f64"
                    | "bool"
                    | "char"
                    | "str"
                    | "String"
                    | "Uuid"
            )
        }
        _ => false,
    }
}

/// Extractors that read the request body, by their type's name.
const BODY_EXTRACTORS: &[&str] = &[
    "Form",
    "Json",
    "Bytes",
    "Body",
    "Request",
    "Multipart",
    "RawForm",
    "ValidForm",
    "ValidJson",
];

/// Whether `ty` names an extractor that reads the body (`Form<T>`, `Json<T>`, …).
pub(crate) fn reads_body(ty: &Type) -> bool {
    match ty {
        Type::Path(p) if p.qself.is_none() => p
            .path
            .segments
            .last()
            .is_some_and(|s| BODY_EXTRACTORS.contains(&s.ident.to_string().as_str())),
        _ => false,
    }
}

/// The type as written, without spaces, for messages.
pub(crate) fn type_text(ty: &Type) -> String {
    quote!(#ty).to_string().replace(' ', "")
}

/// Whether `ty` is the type named `name` (by its last path segment: `Response`,
/// `axum::response::Response`).
pub(crate) fn is_named(ty: &Type, name: &str) -> bool {
    match ty {
        Type::Path(p) if p.qself.is_none() => p
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == name && s.arguments.is_empty()),
        _ => false,
    }
}

/// Whether `ty` is `Option<&Error>`: the teardown hooks' view of the error.
pub(crate) fn is_error_ref(ty: &Type) -> bool {
    let Type::Path(p) = ty else {
        return false;
    };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    if last.ident != "Option" {
        return false;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return false;
    };
    matches!(
        args.args.first(),
        Some(syn::GenericArgument::Type(Type::Reference(r))) if is_named(&r.elem, "Error")
    )
}

/// Visibility of the generated unit struct: the function's, or `pub(crate)` for a
/// private function, so links (`url_for!`) work from anywhere in the crate.
pub(crate) fn struct_vis(item: &ItemFn) -> TokenStream {
    match &item.vis {
        Visibility::Inherited => quote!(pub(crate)),
        vis => quote!(#vis),
    }
}

/// How an item is registered: by its `#[blueprint]`, or by the app through
/// `routes![..]`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RegisteredBy {
    Blueprint,
    Routes,
    /// The item had errors: it is reported already, never again.
    Nothing,
}

/// The name of the hidden function `routes![..]` calls to take an item. An app-level
/// item that no `routes![..]` takes fails the build with rustc's own "is never used"
/// error on this name, at the function: Flask registers on decoration, and here
/// forgetting to register is a mistake the compiler finds.
pub(crate) const TAKE: &str = "never_registered_add_it_to_routes";

/// The function, unchanged, and beside it a braced struct of the same name. The
/// struct lives only in the type namespace, so it never clashes with the function
/// (or with a local variable of that name): `index(..)` still calls the handler, while
/// `index::url()`, `url_for!(index)` and `routes![index]` reach the struct (Rocket's
/// proxy structs).
pub(crate) fn emit_fn_and_proxy(item: &ItemFn, kind_doc: &str, by: RegisteredBy) -> TokenStream {
    let name = &item.sig.ident;
    let vis = struct_vis(item);
    let struct_doc = format!("{kind_doc} `{name}`: its registration and URL.");
    let span = name.span();
    let take = Ident::new(TAKE, span);
    let lint = match by {
        RegisteredBy::Routes => quote_spanned!(span=> #[deny(dead_code)]),
        RegisteredBy::Blueprint | RegisteredBy::Nothing => quote!(#[allow(dead_code)]),
    };
    // Spanned on the function's name as a whole: rustc says nothing of dead code that
    // comes from a macro.
    let take_vis = respan(struct_vis(item), span);
    let take_impl = quote_spanned! {span=>
        impl #name {
            #[doc(hidden)]
            #lint
            #take_vis fn #take() -> Self {
                #name {}
            }
        }
    };
    // Unregistered, the function is unused too; the error above says why, so
    // rustc's warning about the function would only repeat it.
    let quiet = (by == RegisteredBy::Routes).then(|| quote!(#[allow(dead_code)]));
    quote! {
        #quiet
        #item

        #[doc = #struct_doc]
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #name {}

        #take_impl
    }
}

/// `tokens` with every span set to `span`.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = proc_macro2::TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

/// `Location { file, line, column }` of the function's name.
pub(crate) fn location(item: &ItemFn) -> TokenStream {
    let private = crate::exports::private();
    let span = item.sig.ident.span();
    quote_spanned! {span=>
        #private::Location { file: ::core::file!(), line: ::core::line!(), column: ::core::column!() }
    }
}

/// `.await` when the function is async, at `span` (where errors about the awaited
/// value should point).
pub(crate) fn await_if_async(item: &ItemFn, span: proc_macro2::Span) -> TokenStream {
    if item.sig.asyncness.is_some() {
        quote::quote_spanned!(span=> .await)
    } else {
        TokenStream::new()
    }
}
