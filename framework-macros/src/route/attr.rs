//! Parsing `#[route("/path", methods = [GET, POST])]` and `#[get("/path")]`.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitBool, LitStr, Token, bracketed};

use crate::requires::{self, Requires};
use crate::symbol;

/// What a route attribute without its path is told.
pub(crate) const EXPECTED_PATH: &str =
    "expected a path, e.g. `#[route(\"/users/<id>\")]` or `#[get(\"/\")]`";

/// The arguments of a route attribute.
pub(crate) struct RouteArgs {
    pub(crate) path: LitStr,
    /// `methods = [..]` as written; `None` when absent.
    pub(crate) methods: Option<(Span, Vec<Ident>)>,
    /// `endpoint = "name"`: the endpoint's name instead of the function's.
    pub(crate) endpoint: Option<LitStr>,
    /// `strict_slashes = false`: the path answers with and without its trailing slash.
    pub(crate) strict_slashes: Option<LitBool>,
    /// `rate_limit = "5/minute"` or `rate_limit("5/minute", methods = [POST])`.
    pub(crate) rate_limit: Option<crate::rate_limit::RateLimitArg>,
    /// Set by `#[blueprint]` on the routes inside it.
    pub(crate) blueprint: Option<LitStr>,
    pub(crate) prefix: Option<LitStr>,
    /// `requires = Marker`: a guard the request must pass before the view.
    pub(crate) requires: Option<Requires>,
    /// `defaults = { page = 1 }`: values for arguments this rule has no parameter for.
    pub(crate) defaults: Vec<crate::route::defaults::RuleDefault>,
}

impl Parse for RouteArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(Span::call_site(), EXPECTED_PATH));
        }
        let path: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the route's path as a string literal, e.g. \"/users/<id>\"",
            )
        })?;
        let mut args = RouteArgs {
            path,
            methods: None,
            endpoint: None,
            strict_slashes: None,
            rate_limit: None,
            blueprint: None,
            prefix: None,
            requires: None,
            defaults: Vec::new(),
        };
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
        crate::args::parse_keyed(input, &symbol::ROUTE_ARGS, |key, input| {
            match key.to_string().as_str() {
                symbol::METHODS => {
                    input.parse::<Token![=]>()?;
                    let content;
                    bracketed!(content in input);
                    let list = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
                    args.methods = Some((key.span(), list.into_iter().collect()));
                }
                symbol::ENDPOINT => args.endpoint = Some(crate::args::value(input)?),
                symbol::STRICT_SLASHES => args.strict_slashes = Some(crate::args::value(input)?),
                symbol::DEFAULTS => {
                    args.defaults = crate::route::defaults::parse(input, key.span())?;
                }
                symbol::RATE_LIMIT => {
                    args.rate_limit = Some(crate::rate_limit::parse(input, key.span())?);
                }
                symbol::REQUIRES => args.requires = Some(requires::parse(input, key.span())?),
                symbol::HIDDEN_BLUEPRINT => args.blueprint = Some(crate::args::value(input)?),
                symbol::HIDDEN_PREFIX => args.prefix = Some(crate::args::value(input)?),
                _ => unreachable!("parse_keyed passes only the keys of ROUTE_ARGS"),
            }
            Ok(())
        })?;
        Ok(args)
    }
}
