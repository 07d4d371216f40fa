//! Shared entry-point plumbing: parse the attribute and the item, run the expansion,
//! turn errors into `compile_error!`, and print the expansion when
//! `FRAMEWORK_MACROS_DEBUG` is set.

use proc_macro2::TokenStream;
use syn::parse::Parse;

pub(crate) fn attr_on_fn<A: Parse>(
    args: proc_macro::TokenStream,
    item: proc_macro::TokenStream,
    what: &str,
    f: impl FnOnce(A, syn::ItemFn) -> TokenStream,
) -> proc_macro::TokenStream {
    let item_tokens = TokenStream::from(item);
    let item_fn: syn::ItemFn = match syn::parse2(item_tokens.clone()) {
        Ok(item) => item,
        Err(_) => {
            let message = format!("`#[{what}]` can only be used on functions");
            let error =
                syn::Error::new_spanned(first_tokens(&item_tokens), message).into_compile_error();
            return quote::quote!(#error #item_tokens).into();
        }
    };
    let output = match syn::parse::<A>(args) {
        Ok(args) => f(args, item_fn),
        Err(error) => crate::fallback::item(&item_fn, error),
    };
    debug_print(what, &output);
    output.into()
}

/// The first few tokens of an item (the keyword and name), for an error span.
fn first_tokens(tokens: &TokenStream) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .skip_while(|t| matches!(t, proc_macro2::TokenTree::Punct(p) if p.as_char() == '#'))
        .skip_while(|t| matches!(t, proc_macro2::TokenTree::Group(_)))
        .take(2)
        .collect()
}

pub(crate) fn debug_print(what: &str, output: &TokenStream) {
    if std::env::var_os("FRAMEWORK_MACROS_DEBUG").is_some() {
        eprintln!("--- #[{what}] expands to:\n{output}\n");
    }
}
