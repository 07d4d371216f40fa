//! Signature checks for hooks and error handlers.

use syn::{ReturnType, Type};

use super::attr::ErrorKey;
use super::{Hook, Kind};
use crate::diag::Errors;
use crate::handler::{is_named, is_value_type};

pub(crate) fn hook(kind: Kind, hook: &Hook, errors: &mut Errors) {
    let attr = hook.attribute;
    let name = &hook.item.sig.ident;
    let mut response_args = 0;
    for arg in &hook.args {
        if kind == Kind::After && is_named(&arg.ty, "Response") {
            response_args += 1;
            if response_args > 1 {
                errors.at(
                    arg.span,
                    format!("`#[{attr}]` hooks take the response once"),
                );
            }
            continue;
        }
        check_not_value(attr, arg, errors);
    }
    match kind {
        Kind::After if response_args == 0 => errors.spanned(
            &hook.item.sig,
            format!(
                "an `#[{attr}]` hook takes the response and returns the one to send\n= help: write `fn {name}(response: Response) -> Response`; other arguments may be extractors"
            ),
        ),
        Kind::Teardown => {
            if let ReturnType::Type(_, ty) = &hook.item.sig.output
                && !is_unit(ty)
            {
                errors.spanned(
                    ty,
                    format!(
                        "`#[{attr}]` hooks return nothing: the response is already decided when they run\n= help: remove the return type, or use `#[after_request]` to change the response"
                    ),
                );
            }
        }
        _ => {}
    }
}

pub(crate) fn errorhandler(key: &ErrorKey, hook: &Hook, errors: &mut Errors) {
    let attr = hook.attribute;
    let name = &hook.item.sig.ident;
    match key {
        ErrorKey::Status(code) => {
            match code.base10_parse::<u16>() {
                Ok(c) if (400..=599).contains(&c) => {}
                _ => errors.spanned(
                    code,
                    format!(
                        "`{code}` is not an error status\n= help: error handlers take a status from 400 to 599, or an error type: `#[{attr}(MyError)]`"
                    ),
                ),
            }
            for arg in &hook.args {
                if !is_named(&arg.ty, "Error") {
                    check_not_value(attr, arg, errors);
                }
            }
        }
        ErrorKey::Type(ty) => {
            let takes_error = hook.args.first().is_some_and(|a| same_type(&a.ty, ty));
            if !takes_error {
                let ty_text = quote::quote!(#ty).to_string().replace(' ', "");
                let at = hook
                    .args
                    .first()
                    .map(|a| a.span)
                    .unwrap_or_else(|| hook.item.sig.ident.span());
                errors.at(
                    at,
                    format!(
                        "an error handler for `{ty_text}` takes the error as its first argument\n= help: write `fn {name}(error: {ty_text}) -> impl IntoResponse`"
                    ),
                );
            }
            for arg in hook.args.iter().skip(1) {
                check_not_value(attr, arg, errors);
            }
        }
    }
}

fn check_not_value(attr: &str, arg: &crate::handler::Arg, errors: &mut Errors) {
    if crate::handler::reads_body(&arg.ty) {
        errors.spanned(
            &arg.ty,
            format!(
                "`#[{attr}]` functions cannot read the request body (`{}`): it belongs to the handler\n= help: take extractors that read only the request head (`HeaderMap`, `Query<T>`, `Extension<T>`, `G`)",
                crate::handler::type_text(&arg.ty)
            ),
        );
        return;
    }
    if is_value_type(&arg.ty) {
        let name = arg
            .name
            .as_ref()
            .map(|n| n.to_string())
            .unwrap_or_else(|| "_".into());
        errors.at(
            arg.span,
            format!(
                "`#[{attr}]` functions cannot take path parameters such as `{name}`\n= help: they run for many routes; take extractors instead (`HeaderMap`, `Query<T>`, `Extension<T>`, `G`)"
            ),
        );
    }
}

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(t) if t.elems.is_empty())
}

fn same_type(a: &Type, b: &Type) -> bool {
    quote::quote!(#a).to_string() == quote::quote!(#b).to_string()
}
