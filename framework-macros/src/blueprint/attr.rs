//! Parsing `#[blueprint(prefix = "/auth")]`, `#[blueprint(name = "auth", prefix = "/auth")]`
//! and `#[blueprint(of = auth, name = "auth2", prefix = "/auth2")]`.

use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Path};

use crate::args::value;
use crate::symbol;

use crate::requires::{self, Requires};

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
        let mut parent_name: Option<LitStr> = None;
        let mut parent_prefix: Option<LitStr> = None;
        crate::args::parse_keyed(input, &symbol::BLUEPRINT_ARGS, |key, input| {
            match key.to_string().as_str() {
                symbol::NAME => args.name = Some(value(input)?),
                symbol::PREFIX => args.prefix = Some(value(input)?),
                symbol::OF => args.of = Some(value(input)?),
                symbol::RATE_LIMIT => {
                    args.rate_limit = Some(crate::rate_limit::parse(input, key.span())?)
                }
                symbol::REQUIRES => args.requires = Some(requires::parse(input, key.span())?),
                symbol::HIDDEN_PARENT => parent_name = Some(value(input)?),
                symbol::HIDDEN_PARENT_PREFIX => parent_prefix = Some(value(input)?),
                _ => unreachable!("parse_keyed passes only the keys of BLUEPRINT_ARGS"),
            }
            Ok(())
        })?;
        if let (Some(name), Some(prefix)) = (parent_name, parent_prefix) {
            args.parent = Some((name.value(), prefix.value()));
        }
        Ok(args)
    }
}
