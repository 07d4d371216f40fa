//! Parsing hook attributes: `#[before_request]` (no arguments) and
//! `#[errorhandler(404)]` / `#[errorhandler(MyError)]`.

use syn::parse::{Parse, ParseStream};
use syn::{LitInt, LitStr, Token, Type};

use crate::requires::{self, Requires};

mod kw {
    syn::custom_keyword!(__blueprint);
    syn::custom_keyword!(__prefix);
}

/// Hidden arguments `#[blueprint]` adds: `__blueprint = "name", __prefix = "/p"`.
#[derive(Default)]
pub(crate) struct Hidden {
    pub(crate) blueprint: Option<LitStr>,
}

impl Hidden {
    fn parse_rest(&mut self, input: ParseStream, expected: &str) -> syn::Result<()> {
        while !input.is_empty() {
            let lookahead = input.lookahead1();
            if lookahead.peek(kw::__blueprint) {
                input.parse::<kw::__blueprint>()?;
                input.parse::<Token![=]>()?;
                self.blueprint = Some(input.parse()?);
            } else if lookahead.peek(kw::__prefix) {
                input.parse::<kw::__prefix>()?;
                input.parse::<Token![=]>()?;
                input.parse::<LitStr>()?;
            } else {
                return Err(input.error(expected));
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(())
    }
}

/// The arguments of `#[before_request]` and friends: only `requires = Marker`.
pub(crate) struct HookArgs {
    pub(crate) requires: Option<Requires>,
    pub(crate) hidden: Hidden,
}

impl Parse for HookArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut requires = None;
        if input.peek(requires::kw::requires) {
            requires::parse_into(input, &mut requires)?;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        let mut hidden = Hidden::default();
        hidden.parse_rest(input, "this hook takes no arguments but `requires = ..`")?;
        Ok(HookArgs { requires, hidden })
    }
}

/// What an error handler handles.
pub(crate) enum ErrorKey {
    Status(LitInt),
    Type(Box<Type>),
}

pub(crate) struct ErrorHandlerArgs {
    pub(crate) key: ErrorKey,
    pub(crate) hidden: Hidden,
}

impl Parse for ErrorHandlerArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input.error(
                "expected a status code or an error type, e.g. `#[errorhandler(404)]` or `#[errorhandler(MyError)]`",
            ));
        }
        let key = if input.peek(LitInt) {
            ErrorKey::Status(input.parse()?)
        } else {
            ErrorKey::Type(Box::new(input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected a status code or an error type, e.g. `#[errorhandler(404)]` or `#[errorhandler(MyError)]`",
                )
            })?))
        };
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
        let mut hidden = Hidden::default();
        hidden.parse_rest(
            input,
            "an error handler takes one status code or one error type",
        )?;
        Ok(ErrorHandlerArgs { key, hidden })
    }
}
