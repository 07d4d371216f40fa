//! The `rate_limit` key of `#[route]` and `#[blueprint]`: `rate_limit = "5/minute"`
//! (every method) or `rate_limit("5/minute", methods = [POST])`. The limit string is
//! parsed here with the runtime's own grammar, so a mistake is a compile error on
//! the string.

#[path = "../../framework-core/src/ratelimit/spec.rs"]
#[allow(dead_code)]
mod spec;

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token, bracketed, parenthesized};

use crate::diag::{Errors, closest};
use crate::exports::private;

/// `rate_limit …` as written.
pub(crate) struct RateLimitArg {
    pub(crate) text: LitStr,
    /// `methods = [..]` inside the parentheses; empty for every method.
    pub(crate) methods: Vec<Ident>,
}

/// Parses what follows the `rate_limit` key: `= "…"` or `("…", methods = [..])`.
pub(crate) fn parse(input: ParseStream, key: proc_macro2::Span) -> syn::Result<RateLimitArg> {
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        let text = parse_text(input)?;
        return Ok(RateLimitArg {
            text,
            methods: Vec::new(),
        });
    }
    if !input.peek(syn::token::Paren) {
        return Err(crate::args::expected(
            input,
            key,
            "expected `rate_limit = \"5/minute\"` or `rate_limit(\"5/minute\", methods = [POST])`",
        ));
    }
    let content;
    parenthesized!(content in input);
    let text = parse_text(&content)?;
    let mut methods = Vec::new();
    if !content.is_empty() {
        content.parse::<Token![,]>()?;
    }
    if !content.is_empty() {
        let key: Ident = content.parse()?;
        if key != crate::symbol::METHODS {
            return Err(syn::Error::new(
                key.span(),
                "expected `methods = [..]` after the limit, e.g. `rate_limit(\"5/minute\", methods = [POST])`",
            ));
        }
        content.parse::<Token![=]>()?;
        let list;
        bracketed!(list in content);
        methods = Punctuated::<Ident, Token![,]>::parse_terminated(&list)?
            .into_iter()
            .collect();
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
        if !content.is_empty() {
            return Err(content.error("expected `)` after `methods = [..]`"));
        }
    }
    Ok(RateLimitArg { text, methods })
}

fn parse_text(input: ParseStream) -> syn::Result<LitStr> {
    input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected the limit as a string literal, e.g. \"5/minute\"",
        )
    })
}

/// The `Option<RateLimits>` a route hands the runtime.
pub(crate) fn expand_option(
    arg: Option<&RateLimitArg>,
    answers: &[String],
    errors: &mut Errors,
) -> TokenStream {
    let p = private();
    match arg.and_then(|arg| expand(arg, Some(answers), errors)) {
        Some(limits) => quote!(#p::Some(#limits)),
        None => quote!(#p::None),
    }
}

/// The `RateLimits` of `arg`, or `None` after an error (a bad limit, a method the
/// route does not answer) went to `errors`. `answers` is the route's methods
/// (`None` for a blueprint).
pub(crate) fn expand(
    arg: &RateLimitArg,
    answers: Option<&[String]>,
    errors: &mut Errors,
) -> Option<TokenStream> {
    let p = private();
    let limits = match spec::parse(&arg.text.value()) {
        Ok(limits) => limits,
        Err(e) => {
            errors.spanned(&arg.text, e.message);
            Vec::new()
        }
    };
    let mut methods: Vec<String> = Vec::new();
    for ident in &arg.methods {
        let name = ident.to_string();
        match answers {
            Some(answers) if !answers.contains(&name) => {
                let hint = match closest(&name, answers.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("it answers {}", answers.join(", ")),
                };
                errors.spanned(
                    ident,
                    format!(
                        "the route does not answer `{name}`, so it cannot limit it\n= help: {hint}"
                    ),
                );
            }
            None if !crate::route::model::METHODS.contains(&name.as_str()) => {
                errors.spanned(
                    ident,
                    format!(
                        "unknown HTTP method `{name}`\n= help: expected one of {}",
                        crate::route::model::METHODS.join(", ")
                    ),
                );
            }
            _ => methods.push(name),
        }
    }
    if limits.is_empty() {
        return None;
    }
    let counts = limits.iter().map(|l| l.count);
    let periods = limits.iter().map(|l| l.period_secs);
    // Constants, so the limits are checked (`RateLimit::new`) and stored at compile
    // time and the slices are `'static`.
    Some(quote! {
        {
            const __FW_LIMITS: &[#p::RateLimit] = &[#(#p::RateLimit::new(#counts, #periods)),*];
            const __FW_METHODS: &[&str] = &[#(#methods),*];
            #p::RateLimits::from_static(__FW_LIMITS, __FW_METHODS)
        }
    })
}
