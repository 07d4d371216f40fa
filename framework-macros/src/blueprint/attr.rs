//! Parsing `#[blueprint(prefix = "/auth")]`, `#[blueprint(name = "auth", prefix = "/auth")]`
//! and `#[blueprint(of = auth, name = "auth2", prefix = "/auth2")]`.

use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Path, Token};

use crate::requires::{self, Requires};

mod kw {
    syn::custom_keyword!(name);
    syn::custom_keyword!(prefix);
    syn::custom_keyword!(of);
    syn::custom_keyword!(__parent);
    syn::custom_keyword!(__parent_prefix);
}

#[derive(Default)]
pub(crate) struct BlueprintArgs {
    pub(crate) name: Option<LitStr>,
    pub(crate) prefix: Option<LitStr>,
    /// `of = module`: this blueprint is a copy of the one `module` holds.
    pub(crate) of: Option<Path>,
    /// `rate_limit = "…"`: for the routes without a limit of their own.
    pub(crate) rate_limit: Option<crate::rate_limit::RateLimitArg>,
    /// Added by an enclosing `#[blueprint]`: its full name and prefix.
    pub(crate) parent: Option<(String, String)>,
    /// `requires = Marker`: a guard for every route of the blueprint.
    pub(crate) requires: Option<Requires>,
}

impl Parse for BlueprintArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = BlueprintArgs::default();
        while !input.is_empty() {
            let lookahead = input.lookahead1();
            if lookahead.peek(kw::name) {
                let key: kw::name = input.parse()?;
                if args.name.is_some() {
                    return Err(syn::Error::new(key.span, "`name` specified more than once"));
                }
                input.parse::<Token![=]>()?;
                args.name = Some(input.parse()?);
            } else if lookahead.peek(kw::prefix) {
                let key: kw::prefix = input.parse()?;
                if args.prefix.is_some() {
                    return Err(syn::Error::new(
                        key.span,
                        "`prefix` specified more than once",
                    ));
                }
                input.parse::<Token![=]>()?;
                args.prefix = Some(input.parse()?);
            } else if lookahead.peek(kw::of) {
                let key: kw::of = input.parse()?;
                if args.of.is_some() {
                    return Err(syn::Error::new(key.span, "`of` specified more than once"));
                }
                input.parse::<Token![=]>()?;
                args.of = Some(input.parse()?);
            } else if lookahead.peek(crate::rate_limit::Keyword) {
                let seen = args.rate_limit.is_some();
                args.rate_limit = Some(crate::rate_limit::parse(input, seen)?);
            } else if lookahead.peek(requires::kw::requires) {
                requires::parse_into(input, &mut args.requires)?;
            } else if input.peek(kw::__parent) {
                input.parse::<kw::__parent>()?;
                input.parse::<Token![=]>()?;
                let parent: LitStr = input.parse()?;
                input.parse::<Token![,]>()?;
                input.parse::<kw::__parent_prefix>()?;
                input.parse::<Token![=]>()?;
                let parent_prefix: LitStr = input.parse()?;
                args.parent = Some((parent.value(), parent_prefix.value()));
            } else {
                return Err(lookahead.error());
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(args)
    }
}
