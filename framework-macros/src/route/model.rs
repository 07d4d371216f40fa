//! The typed model of one route: its rule, methods, blueprint and arguments.

use proc_macro2::Span;
use syn::{Ident, ItemFn, LitStr};

use super::attr::RouteArgs;
use crate::diag::{Errors, closest};
use crate::handler::{self, Arg};
use crate::rule::{self, Rule};

/// The HTTP methods a route may answer.
pub(crate) const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT",
];

pub(crate) struct Route<'a> {
    pub(crate) item: &'a ItemFn,
    /// The path literal as written, for error spans.
    pub(crate) path: LitStr,
    /// The rule as written (without the blueprint prefix).
    pub(crate) rule: Rule,
    /// The full rule, prefix included, as text and parsed.
    pub(crate) full_text: String,
    pub(crate) full: Rule,
    pub(crate) methods: Vec<String>,
    pub(crate) blueprint: Option<String>,
    pub(crate) args: Vec<Arg>,
    /// The endpoint's own part: `endpoint = "…"`, or the function's name.
    pub(crate) endpoint: String,
    pub(crate) strict_slashes: bool,
    /// The `Option<RateLimits>` of `rate_limit = "…"`.
    pub(crate) rate_limit: proc_macro2::TokenStream,
    /// `requires = Marker`, checked after the path parameters.
    pub(crate) requires: Option<crate::requires::Requires>,
    /// `defaults = { .. }`: values of arguments the rule has no parameter for.
    pub(crate) defaults: Vec<super::defaults::RuleDefault>,
}

impl<'a> Route<'a> {
    /// Builds the model of one rule, reporting what cannot be parsed; `first` for the
    /// view's first rule, which checks the function itself. `None` when nothing useful
    /// could be built (the errors say why).
    pub(crate) fn build(
        args: RouteArgs,
        item: &'a ItemFn,
        shortcut: Option<&'static str>,
        first: bool,
        errors: &mut Errors,
    ) -> Option<Route<'a>> {
        let methods = methods(&args, shortcut, errors);
        let rule = match rule::parse(&args.path.value()) {
            Ok(rule) => rule,
            Err(message) => {
                errors.spanned(&args.path, message);
                return None;
            }
        };
        let prefix = args.prefix.as_ref().map(LitStr::value);
        let full_text = rule::join_prefix(prefix.as_deref(), &args.path.value());
        let full = match rule::parse(&full_text) {
            Ok(full) => full,
            Err(message) => {
                errors.spanned(
                    &args.path,
                    format!("with the blueprint's prefix: {message}"),
                );
                return None;
            }
        };
        let what = "a route handler";
        // The function is checked with the first rule; the others only read it.
        let fn_args = if first {
            handler::check_plain_fn(item, what, errors);
            handler::args(item, what, errors)
        } else {
            let mut again = Errors::new();
            let fn_args = handler::args(item, what, &mut again);
            let _ = again.finish();
            fn_args
        };
        let endpoint = match &args.endpoint {
            Some(lit) => {
                let name = lit.value();
                if name.contains('.') {
                    errors.spanned(
                        lit,
                        format!("endpoint name `{name}` cannot contain a dot\n= help: the blueprint's name is put in front by itself: write only the last part"),
                    );
                } else if name.is_empty()
                    || name.chars().any(|c| c.is_whitespace() || c.is_control())
                {
                    errors.spanned(
                        lit,
                        format!("endpoint name {name:?} must be a word without spaces"),
                    );
                }
                name
            }
            None => item.sig.ident.to_string(),
        };
        let strict_slashes = args.strict_slashes.as_ref().is_none_or(|b| b.value);
        let rate_limit =
            crate::rate_limit::expand_option(args.rate_limit.as_ref(), &methods, errors);
        Some(Route {
            item,
            path: args.path,
            rule,
            full_text,
            full,
            methods,
            blueprint: args.blueprint.as_ref().map(LitStr::value),
            args: fn_args,
            endpoint,
            strict_slashes,
            rate_limit,
            requires: args.requires,
            defaults: args.defaults,
        })
    }

    pub(crate) fn name(&self) -> &Ident {
        &self.item.sig.ident
    }

    /// The argument bound to path parameter `param`, if any.
    pub(crate) fn arg_for(&self, param: &str) -> Option<&Arg> {
        self.args
            .iter()
            .find(|a| a.name.as_ref().is_some_and(|n| n == param))
    }

    /// The default this rule gives argument `arg`, when it has no parameter for it.
    pub(crate) fn default_for(&self, arg: &Arg) -> Option<&super::defaults::RuleDefault> {
        let name = arg.name.as_ref()?;
        if self.is_param(arg) {
            return None;
        }
        self.defaults.iter().find(|d| d.name == *name)
    }

    /// Whether argument `arg` is a path parameter.
    pub(crate) fn is_param(&self, arg: &Arg) -> bool {
        arg.name
            .as_ref()
            .is_some_and(|n| self.rule.params().any(|(p, _)| n == p))
    }
}

fn methods(args: &RouteArgs, shortcut: Option<&'static str>, errors: &mut Errors) -> Vec<String> {
    match (&args.methods, shortcut) {
        (Some((key, _)), Some(method)) => {
            let attr = method.to_lowercase();
            errors.at(
                *key,
                format!(
                    "`methods` cannot be used with `#[{attr}]`, which answers {method} only\n= help: write `#[route(\"{}\", methods = [..])]` for several methods",
                    args.path.value()
                ),
            );
            vec![method.to_owned()]
        }
        (None, Some(method)) => vec![method.to_owned()],
        (None, None) => vec!["GET".to_owned()],
        (Some((key, list)), None) => {
            if list.is_empty() {
                errors.at(
                    *key,
                    "`methods` is empty: list at least one, e.g. `methods = [GET]`",
                );
            }
            let mut out: Vec<String> = Vec::new();
            for ident in list {
                let name = ident.to_string();
                if !METHODS.contains(&name.as_str()) {
                    let upper = name.to_uppercase();
                    let hint = if METHODS.contains(&upper.as_str()) {
                        format!("\n= help: methods are written in upper case: `{upper}`")
                    } else if let Some(near) = closest(&upper, METHODS.iter().copied()) {
                        format!("\n= help: did you mean `{near}`?")
                    } else {
                        format!("\n= help: expected one of {}", METHODS.join(", "))
                    };
                    errors.spanned(ident, format!("unknown HTTP method `{name}`{hint}"));
                } else if out.contains(&name) {
                    errors.spanned(ident, format!("method `{name}` is listed twice"));
                } else {
                    out.push(name);
                }
            }
            out
        }
    }
}

/// A span covering the function's argument list, for notes about arguments.
pub(crate) fn inputs_span(item: &ItemFn) -> Span {
    item.sig.paren_token.span.join()
}
