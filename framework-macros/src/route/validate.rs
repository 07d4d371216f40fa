//! Checks that need the whole route: parameters against arguments.

use super::model::{Route, inputs_span};
use crate::diag::{Errors, closest};
use crate::handler::{is_value_type, reads_body, type_text};

/// `view_params` are the parameters of the view's other rules: an argument named like
/// one of them is left to the check of `defaults`. The checks of the arguments alone
/// run for the `first` rule only, so a view with several rules reports each once.
pub(crate) fn check(route: &Route, view_params: &[String], first: bool, errors: &mut Errors) {
    check_params_have_args(route, errors);
    if first {
        check_args_are_params_or_extractors(route, view_params, errors);
        check_body_extractor_is_last(route, errors);
    }
    if let Some(requires) = &route.requires {
        crate::requires::validate::check(requires, errors);
    }
}

/// Only one extractor can read the body, and axum gives it the request last: an
/// extractor such as `Form<T>` or `Json<T>` must be the last argument.
fn check_body_extractor_is_last(route: &Route, errors: &mut Errors) {
    let extractors: Vec<_> = route
        .args
        .iter()
        .filter(|a| !route.is_param(a) && route.default_for(a).is_none())
        .collect();
    let Some((_, rest)) = extractors.split_last() else {
        return;
    };
    for arg in rest.iter().filter(|a| reads_body(&a.ty)) {
        errors.spanned(
            &arg.ty,
            format!(
                "`{}` reads the request body, so it must be the last argument of `{}`\n= help: move it after the other arguments",
                type_text(&arg.ty),
                route.name()
            ),
        );
    }
}

/// Every `<param>` of the path binds to the handler argument of the same name.
fn check_params_have_args(route: &Route, errors: &mut Errors) {
    let fn_name = route.name();
    for (param, _) in route.rule.params() {
        if route.arg_for(param).is_some() || misspelled_as(route, param) {
            continue;
        }
        let args: Vec<String> = route
            .args
            .iter()
            .filter_map(|a| a.name.as_ref().map(|n| format!("`{n}`")))
            .collect();
        let have = if args.is_empty() {
            format!("`{fn_name}` takes no arguments")
        } else {
            format!("the arguments of `{fn_name}` are {}", args.join(", "))
        };
        errors.spanned(
            &route.path,
            format!("path parameter `{param}` has no matching handler argument\n= note: {have}"),
        );
        errors.push(syn::Error::new(
            inputs_span(route.item),
            format!("[note] add an argument named `{param}`, e.g. `{param}: i64`, to `{fn_name}`"),
        ));
    }
}

/// Whether an argument looks like a misspelling of `param` (`idd` for `id`): then
/// the argument's error says so, and this parameter gets no error of its own.
fn misspelled_as(route: &Route, param: &str) -> bool {
    route.args.iter().any(|arg| {
        !route.is_param(arg)
            && is_value_type(&arg.ty)
            && arg
                .name
                .as_ref()
                .is_some_and(|n| closest(&n.to_string(), [param]).is_some())
    })
}

/// An argument of a value type (`i64`, `String`, …) is never an extractor, so one that
/// is not a path parameter is a mistake: most often a typo in its name.
fn check_args_are_params_or_extractors(route: &Route, view_params: &[String], errors: &mut Errors) {
    let params: Vec<&str> = route.rule.params().map(|(p, _)| p).collect();
    let last = route.args.len().saturating_sub(1);
    for (index, arg) in route.args.iter().enumerate() {
        let other_rules = arg
            .name
            .as_ref()
            .is_some_and(|n| view_params.iter().any(|p| n == p));
        if route.is_param(arg)
            || route.default_for(arg).is_some()
            || other_rules
            || !is_value_type(&arg.ty)
        {
            continue;
        }
        // The one way to take the body as text: `body: String`, last.
        let is_body = index == last
            && arg.name.as_ref().is_some_and(|n| n == "body")
            && crate::handler::is_named(&arg.ty, "String");
        if is_body {
            continue;
        }
        let path = route.path.value();
        let name = arg
            .name
            .as_ref()
            .map(|n| n.to_string())
            .unwrap_or_else(|| "_".to_owned());
        let help = if params.is_empty() {
            format!(
                "\"{path}\" has no parameters; add `<{name}>` to the path, or read the query string with `Query<T>` (a body as text is taken as a last argument `body: String`)"
            )
        } else {
            let list: Vec<String> = params.iter().map(|p| format!("`{p}`")).collect();
            let near = closest(&name, params.iter().copied())
                .map(|p| format!("; did you mean `{p}`?"))
                .unwrap_or_default();
            format!("the path's parameters are {}{near}", list.join(", "))
        };
        errors.at(
            arg.span,
            format!("handler argument `{name}` does not match any parameter in \"{path}\"\n= help: {help}"),
        );
    }
}
