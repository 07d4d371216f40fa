//! `defaults = { page = 1 }` on a rule: the values of the view's arguments that the
//! rule has no parameter for, Flask's `defaults={"page": 1}`. Parsed here, checked
//! against the view's arguments and rules by `check`, and turned into `let`s by
//! `value`.

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Token, Type, braced};

use super::model::Route;
use crate::diag::{Errors, closest};

/// One `name = value` of `defaults = { .. }`.
pub(crate) struct RuleDefault {
    pub(crate) name: Ident,
    pub(crate) value: Expr,
}

/// Parses `= { name = value, .. }` after the `defaults` key.
pub(crate) fn parse(input: ParseStream, key: Span) -> syn::Result<Vec<RuleDefault>> {
    input.parse::<Token![=]>()?;
    if !input.peek(syn::token::Brace) {
        return Err(crate::args::expected(
            input,
            key,
            "expected `{ name = value, .. }`, e.g. `defaults = { page = 1 }`",
        ));
    }
    let content;
    braced!(content in input);
    let list = Punctuated::<(Ident, Expr), Token![,]>::parse_terminated_with(&content, |input| {
        let name: Ident = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected `name = value`, e.g. `defaults = { page = 1 }`",
            )
        })?;
        input.parse::<Token![=]>()?;
        Ok((name, input.parse()?))
    })?;
    if list.is_empty() {
        return Err(syn::Error::new(
            key,
            "`defaults` is empty: give a value for each argument the rule has no parameter for, e.g. `defaults = { page = 1 }`",
        ));
    }
    let mut out: Vec<RuleDefault> = Vec::new();
    for (name, value) in list {
        if out.iter().any(|d| d.name == name) {
            return Err(syn::Error::new(
                name.span(),
                format!("`{name}` is given twice in `defaults`"),
            ));
        }
        out.push(RuleDefault { name, value });
    }
    Ok(out)
}

/// Checks the defaults of every rule of a view: each names an argument of the
/// function that the rule has no parameter for, and every parameter of another rule
/// that this rule lacks has one.
pub(crate) fn check(rules: &[Route], errors: &mut Errors) {
    let Some(first) = rules.first() else {
        return;
    };
    let fn_name = first.name();
    // The view's parameters: those of any of its rules, bound to an argument.
    let mut view_params: Vec<&str> = Vec::new();
    for rule in rules {
        for (param, _) in rule.rule.params() {
            if rule.arg_for(param).is_some() && !view_params.contains(&param) {
                view_params.push(param);
            }
        }
    }
    for rule in rules {
        for default in &rule.defaults {
            let name = default.name.to_string();
            if rule.rule.params().any(|(p, _)| p == name) {
                errors.spanned(
                    &default.name,
                    format!(
                        "`{name}` is a parameter of \"{}\" already: a default is for an argument the rule has no parameter for\n= help: remove it from `defaults`",
                        rule.path.value()
                    ),
                );
            } else if rule.arg_for(&name).is_none() {
                let args: Vec<String> = rule
                    .args
                    .iter()
                    .filter_map(|a| a.name.as_ref().map(ToString::to_string))
                    .collect();
                let near = closest(&name, args.iter().map(String::as_str))
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                errors.spanned(
                    &default.name,
                    format!("`{fn_name}` has no argument `{name}` for this default{near}"),
                );
            }
        }
        for param in &view_params {
            // A misspelt default (`pag` for `page`) has its own error.
            let has = rule.rule.params().any(|(p, _)| p == *param)
                || rule
                    .defaults
                    .iter()
                    .any(|d| d.name == param || closest(&d.name.to_string(), [*param]).is_some());
            if !has {
                let other = rules
                    .iter()
                    .find(|r| r.rule.params().any(|(p, _)| p == *param))
                    .map(|r| r.path.value())
                    .unwrap_or_default();
                errors.spanned(
                    &rule.path,
                    format!(
                        "\"{}\" has no `<{param}>`, so `{fn_name}` gets no `{param}` from it\n= note: `{param}` comes from the path in \"{other}\"\n= help: give it a value for this rule: `defaults = {{ {param} = .. }}`",
                        rule.path.value()
                    ),
                );
            }
        }
    }
}

/// The default's value as the argument's type: a string literal converts with
/// `From` (so `"a"` serves a `String` argument), anything else is taken as written.
/// Spanned on the value, so a value of the wrong type is reported there.
pub(crate) fn value(default: &RuleDefault, ty: &Type) -> TokenStream {
    let value = &default.value;
    let span = value.span();
    match value {
        Expr::Lit(lit) if matches!(lit.lit, syn::Lit::Str(_)) => {
            // The trait's own method, not a bounded helper function: a type that is
            // not made from text is then reported on the default alone, with no note
            // pointing into the runtime.
            let p = crate::exports::private_at(span);
            quote_spanned!(span=> <#ty as #p::TextDefault>::from_text(#value, #p::TOKEN))
        }
        _ => quote_spanned!(span=> #value),
    }
}
