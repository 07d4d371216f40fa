//! Parsing `#[route("/path", methods = [GET, POST])]` and `#[get("/path")]`.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitBool, LitStr, Token, bracketed};

use crate::requires::{self, Requires};

mod kw {
    syn::custom_keyword!(methods);
    syn::custom_keyword!(endpoint);
    syn::custom_keyword!(strict_slashes);
    syn::custom_keyword!(defaults);
    syn::custom_keyword!(__blueprint);
    syn::custom_keyword!(__prefix);
}

/// The arguments of a route attribute.
pub(crate) struct RouteArgs {
    pub(crate) path: LitStr,
    /// `methods = [..]` as written; `None` when absent.
    pub(crate) methods: Option<(kw::methods, Vec<Ident>)>,
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
            return Err(
                input.error("expected a path, e.g. `#[route(\"/users/<id>\")]` or `#[get(\"/\")]`")
            );
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
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let lookahead = input.lookahead1();
            if lookahead.peek(kw::methods) {
                let key: kw::methods = input.parse()?;
                if args.methods.is_some() {
                    return Err(syn::Error::new(
                        key.span,
                        "`methods` specified more than once",
                    ));
                }
                input.parse::<Token![=]>()?;
                let content;
                bracketed!(content in input);
                let list = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
                args.methods = Some((key, list.into_iter().collect()));
            } else if lookahead.peek(kw::endpoint) {
                let key: kw::endpoint = input.parse()?;
                if args.endpoint.is_some() {
                    return Err(syn::Error::new(
                        key.span,
                        "`endpoint` specified more than once",
                    ));
                }
                input.parse::<Token![=]>()?;
                args.endpoint = Some(input.parse()?);
            } else if lookahead.peek(kw::strict_slashes) {
                let key: kw::strict_slashes = input.parse()?;
                if args.strict_slashes.is_some() {
                    return Err(syn::Error::new(
                        key.span,
                        "`strict_slashes` specified more than once",
                    ));
                }
                input.parse::<Token![=]>()?;
                args.strict_slashes = Some(input.parse()?);
            } else if lookahead.peek(kw::defaults) {
                let key: kw::defaults = input.parse()?;
                if !args.defaults.is_empty() {
                    return Err(syn::Error::new(
                        key.span,
                        "`defaults` specified more than once",
                    ));
                }
                args.defaults = crate::route::defaults::parse(input, key.span)?;
            } else if lookahead.peek(crate::rate_limit::Keyword) {
                let seen = args.rate_limit.is_some();
                args.rate_limit = Some(crate::rate_limit::parse(input, seen)?);
            } else if lookahead.peek(requires::kw::requires) {
                requires::parse_into(input, &mut args.requires)?;
            } else if input.peek(kw::__blueprint) {
                // Hidden keys `#[blueprint]` adds: peeked outside `lookahead`, so
                // "expected one of" lists only the keys users write.
                input.parse::<kw::__blueprint>()?;
                input.parse::<Token![=]>()?;
                args.blueprint = Some(input.parse()?);
            } else if input.peek(kw::__prefix) {
                input.parse::<kw::__prefix>()?;
                input.parse::<Token![=]>()?;
                args.prefix = Some(input.parse()?);
            } else {
                return Err(lookahead.error());
            }
        }
        Ok(args)
    }
}
