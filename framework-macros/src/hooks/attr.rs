//! Parsing hook attributes: `#[before_request]` (no arguments) and
//! `#[errorhandler(404)]` / `#[errorhandler(MyError)]`.

use syn::parse::{Parse, ParseStream};
use syn::{LitInt, LitStr, Token, Type};

use crate::requires::{self, Requires};
use crate::symbol;

/// Hidden arguments `#[blueprint]` adds: `__blueprint = "name", __prefix = "/p"`.
#[derive(Default)]
pub(crate) struct Hidden {
    pub(crate) blueprint: Option<LitStr>,
}

impl Hidden {
    /// The value of hidden key `key` (hooks have no use for the prefix).
    fn parse_value(&mut self, key: &str, input: ParseStream) -> syn::Result<()> {
        let value: LitStr = crate::args::value(input)?;
        if key == symbol::HIDDEN_BLUEPRINT {
            self.blueprint = Some(value);
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
        let mut args = HookArgs {
            requires: None,
            hidden: Hidden::default(),
        };
        crate::args::parse_keyed(input, &symbol::HOOK_ARGS, |key, input| {
            match key.to_string().as_str() {
                symbol::REQUIRES => args.requires = Some(requires::parse(input, key.span())?),
                other => args.hidden.parse_value(other, input)?,
            }
            Ok(())
        })?;
        Ok(args)
    }
}

const EXPECTED_KEY: &str = "expected a status code or an error type, e.g. `#[errorhandler(404)]` or `#[errorhandler(MyError)]`";

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
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                EXPECTED_KEY,
            ));
        }
        let key = if input.peek(LitInt) {
            ErrorKey::Status(input.parse()?)
        } else {
            ErrorKey::Type(Box::new(
                input
                    .parse()
                    .map_err(|e| syn::Error::new(e.span(), EXPECTED_KEY))?,
            ))
        };
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
        let mut hidden = Hidden::default();
        crate::args::parse_keyed(input, &symbol::ERRORHANDLER_ARGS, |key, input| {
            hidden.parse_value(&key.to_string(), input)
        })?;
        Ok(ErrorHandlerArgs { key, hidden })
    }
}
