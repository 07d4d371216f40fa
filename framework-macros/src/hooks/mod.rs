//! Hooks (`#[before_request]`, `#[after_request]`, `#[teardown_request]` and their
//! `*_app_*` forms) and error handlers (`#[errorhandler]`, `#[app_errorhandler]`).

pub(crate) mod attr;
mod expand;
mod validate;

use proc_macro2::TokenStream;
use syn::ItemFn;

use crate::diag::Errors;
use crate::handler::{self, Arg};

/// The kinds of request hook.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Before,
    After,
    Teardown,
}

impl Kind {
    pub(crate) fn attribute(self, app_wide: bool) -> &'static str {
        crate::symbol::attribute(crate::symbol::Declares::Hook(self, app_wide))
    }
}

/// One hook or error handler, parsed.
pub(crate) struct Hook<'a> {
    pub(crate) item: &'a ItemFn,
    pub(crate) attribute: &'static str,
    pub(crate) blueprint: Option<String>,
    pub(crate) app_wide: bool,
    pub(crate) args: Vec<Arg>,
}

pub(crate) fn expand_hook(
    kind: Kind,
    app_wide: bool,
    args: attr::HookArgs,
    item: ItemFn,
) -> TokenStream {
    let mut errors = Errors::new();
    if let Some(error) = args
        .requires
        .as_ref()
        .and_then(|r| crate::requires::check_hook_kind(r, kind.attribute(app_wide)))
    {
        errors.push(error);
    }
    if let Some(requires) = &args.requires {
        crate::requires::validate::check(requires, &mut errors);
    }
    let hook = model(
        &item,
        kind.attribute(app_wide),
        args.hidden,
        app_wide,
        &mut errors,
    );
    validate::hook(kind, &hook, &mut errors);
    match errors.finish() {
        Ok(()) => expand::hook(kind, &hook, args.requires.as_ref()),
        Err(error) => crate::fallback::item(&item, error),
    }
}

pub(crate) fn expand_errorhandler(
    app_wide: bool,
    args: attr::ErrorHandlerArgs,
    item: ItemFn,
) -> TokenStream {
    let attribute = crate::symbol::attribute(crate::symbol::Declares::ErrorHandler(app_wide));
    let mut errors = Errors::new();
    let hook = model(&item, attribute, args.hidden, app_wide, &mut errors);
    validate::errorhandler(&args.key, &hook, &mut errors);
    match errors.finish() {
        Ok(()) => expand::errorhandler(&args.key, &hook),
        Err(error) => crate::fallback::item(&item, error),
    }
}

fn model<'a>(
    item: &'a ItemFn,
    attribute: &'static str,
    hidden: attr::Hidden,
    app_wide: bool,
    errors: &mut Errors,
) -> Hook<'a> {
    let what = format!("a `#[{attribute}]` function");
    handler::check_plain_fn(item, &what, errors);
    let args = handler::args(item, &what, errors);
    let blueprint = hidden.blueprint.map(|b| b.value());
    if app_wide && blueprint.is_none() {
        let plain = attribute.replace("_app_", "_");
        let plain = plain.trim_start_matches("app_");
        errors.spanned(
            &item.sig.ident,
            format!(
                "`#[{attribute}]` is for hooks inside a `#[blueprint]` module that run for the whole app\n= help: outside a blueprint, every hook is app-wide: use `#[{plain}]`"
            ),
        );
    }
    Hook {
        item,
        attribute,
        blueprint,
        app_wide,
        args,
    }
}
