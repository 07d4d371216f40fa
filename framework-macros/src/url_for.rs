//! `url_for!(module::route, param = value, ..)`: the route's URL, with its parameters
//! checked at compile time by name and type.

use proc_macro2::{Delimiter, Group, Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Path, Token};

pub(crate) struct UrlFor {
    route: Path,
    args: Punctuated<UrlArg, Token![,]>,
}

struct UrlArg {
    name: Ident,
    value: Expr,
}

impl Parse for UrlArg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: Ident = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected `name = value`, e.g. `url_for!(blog::update, id = 1)`",
            )
        })?;
        input.parse::<Token![=]>()?;
        let value = input.parse()?;
        Ok(UrlArg { name, value })
    }
}

impl Parse for UrlFor {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                "expected a route, e.g. `url_for!(blog::index)` or `url_for!(blog::update, id = 1)`",
            ));
        }
        if input.peek(syn::LitStr) {
            let name: syn::LitStr = input.parse()?;
            let path = name.value().trim_start_matches('.').replace('.', "::");
            return Err(syn::Error::new(
                name.span(),
                format!(
                    "`url_for!` names the route by its Rust path, not by a string\n= help: write `url_for!({path}, ..)`: the module path and the function's name, checked at compile time"
                ),
            ));
        }
        let route = input.parse()?;
        let args = if input.is_empty() {
            Punctuated::new()
        } else {
            input.parse::<Token![,]>()?;
            Punctuated::parse_terminated(input)?
        };
        Ok(UrlFor { route, args })
    }
}

pub(crate) fn expand(url_for: UrlFor) -> TokenStream {
    let p = crate::exports::private();
    let route = &url_for.route;
    let span = route.span();
    let mut seen: Vec<&Ident> = Vec::new();
    let mut errors = crate::diag::Errors::new();
    let mut anchor = None;
    let mut external = None;
    let mut scheme = None;
    for arg in &url_for.args {
        if seen.contains(&&arg.name) {
            errors.spanned(&arg.name, format!("parameter `{}` given twice", arg.name));
        }
        seen.push(&arg.name);
        match arg.name.to_string().as_str() {
            "_anchor" => anchor = Some(&arg.value),
            "_external" => external = Some(&arg.value),
            "_scheme" => scheme = Some(arg),
            option if option.starts_with('_') => errors.spanned(
                &arg.name,
                format!("`url_for!` has no option `{option}`\n= help: the options are `_anchor = \"fragment\"`, `_external = base` (a `UrlBase`) and `_scheme = \"https\"` (with `_external`); route parameters are named like the route's `<param>`s"),
            ),
            _ => {}
        }
    }
    if let (Some(arg), None) = (scheme, external) {
        errors.spanned(
            &arg.name,
            "`_scheme` needs `_external`: only an external URL has a scheme\n= help: add `_external = base`, where `base` is a `UrlBase` (an extractor)",
        );
    }
    if let Err(error) = errors.finish() {
        return error.into_compile_error();
    }
    let external = external.map(|value| quote_spanned!(value.span()=> .external(&#value)));
    let scheme = scheme.map(|arg| {
        let value = &arg.value;
        quote_spanned!(value.span()=> .scheme(#value))
    });
    let anchor = anchor.map(|value| quote_spanned!(value.span()=> .anchor(#value)));
    let params = url_for
        .args
        .iter()
        .filter(|a| !a.name.to_string().starts_with('_'));
    let params: Vec<&UrlArg> = params.collect();
    let fields = params.iter().map(|a| {
        let name = &a.name;
        let value = &a.value;
        quote_spanned!(value.span()=> #name: #p::UrlArg::into_url_arg(#value))
    });
    // The rule is picked in a constant, by the names given: when none fits, its
    // panic is the one error (it names the route's parameters), and the fields
    // below, typed by a rule that does not exist, add none of their own. The route
    // is named through `UrlParams` first, so something that is not a route is
    // reported as such.
    let route_text = path_text(route);
    let given = params.iter().map(|a| {
        let name = a.name.to_string();
        let value = a.value.to_token_stream().to_string();
        quote!((#name, #value))
    });
    // The panic's span runs from the route to the last argument, so the error
    // underlines the whole call's arguments: a wrong name may be any of them.
    let last = params.last().map_or(span, |a| last_span(&a.value));
    let mut panic_args = Group::new(Delimiter::Parenthesis, quote!("{}", message.as_str()));
    panic_args.set_span(last);
    let trait_path = quote_spanned!(span=> #p::UrlParams);
    let panic = quote_spanned!(span=> ::core::panic!);
    let pick = quote_spanned! {span=>
        match #p::pick_rule(#route_text, <#route as #trait_path>::RULES, &[#(#given),*]) {
            #p::Ok(rule) => rule,
            #p::Err(message) => #panic #panic_args,
        }
    };
    // Spanned on the route, so a path that is not a route is one error there.
    quote_spanned! {span=> {
        type __FwRules = <#route as #trait_path>::Rules;
        // Named for the message of a wrong name, "evaluation of `url_for::..` failed".
        // (An inline constant: a named one would add "erroneous constant" notes
        // where it is used.)
        #[allow(non_camel_case_types)]
        type url_for = #p::RuleAt<__FwRules, { #pick }>;
        type __FwUrlParams = <url_for as #p::PickedRule>::Fields;
        <url_for as #p::PickedRule>::build(__FwUrlParams { #(#fields),* }, #p::TOKEN) #external #scheme #anchor
    }}
}

/// The span of the last token of `expr`, where an underline of the whole call ends.
fn last_span(expr: &Expr) -> Span {
    expr.to_token_stream()
        .into_iter()
        .last()
        .map_or_else(|| expr.span(), |token| token.span())
}

/// The route's path as written, `blog::index`, for messages.
fn path_text(path: &Path) -> String {
    let mut text = String::new();
    if path.leading_colon.is_some() {
        text.push_str("::");
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            text.push_str("::");
        }
        text.push_str(&segment.ident.to_string());
    }
    text
}
