//! The one path through which generated code reaches the runtime, and the one place
//! that spells it (Rocket's `exports.rs`).

use proc_macro2::{Span, TokenStream};
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
