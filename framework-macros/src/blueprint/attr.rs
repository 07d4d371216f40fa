//! Parsing `#[blueprint(prefix = "/auth")]` and `#[blueprint(name = "auth", prefix = "/auth")]`.

use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

mod kw {
    syn::custom_keyword!(name);
    syn::custom_keyword!(prefix);
}

#[derive(Default)]
pub(crate) struct BlueprintArgs {
    pub(crate) name: Option<LitStr>,
    pub(crate) prefix: Option<LitStr>,
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
