//! The one path through which generated code reaches the runtime.

use proc_macro2::TokenStream;
use quote::quote;

/// `::framework_core::__private`
pub(crate) fn private() -> TokenStream {
    quote!(::framework_core::__private)
}
