//! On error, still emit the item (as its unit struct with a `call`, registrable as
//! nothing) next to the errors, so code that uses it does not pile up more errors
//! (thiserror's `fallback`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use crate::exports::private;
use crate::handler::{RegisteredBy, emit_fn_and_proxy};

pub(crate) fn item(item: &ItemFn, error: syn::Error) -> TokenStream {
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
    }
}
