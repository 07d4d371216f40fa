//! The one path through which generated code reaches the runtime, and the one place
//! that spells it (Rocket's `exports.rs`).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote_spanned;

/// `::framework_core::__private`, at the macro call.
pub(crate) fn private() -> TokenStream {
    private_at(Span::call_site())
}

/// `::framework_core::__private` with every token at `span` (a user's type, value or
/// return type): an error in generated code that names it is reported at `span`,
/// which an interpolated [`private()`] path would move to the macro call.
pub(crate) fn private_at(span: Span) -> TokenStream {
    quote_spanned!(span=> ::framework_core::__private)
}

/// `::framework_core` (its public API) with every token at `span`.
pub(crate) fn public_at(span: Span) -> TokenStream {
    quote_spanned!(span=> ::framework_core)
}

/// `{ let value = call; convert(value, extra) }`, the conversion of a user function's
/// value spanned on its return type (`span`): a type that does not convert is one
/// error on the type alone, not on the whole call.
pub(crate) fn convert_value(
    span: Span,
    call: TokenStream,
    convert: TokenStream,
    extra: TokenStream,
) -> TokenStream {
    let value = Ident::new("__fw_value", span);
    quote_spanned!(span=> { let #value = #call; #convert(#value #extra) })
}
