//! The code a route becomes: the unit struct, its `call` and `url`, the axum handler,
//! compile-time checks of its arguments, and its `RouteDef`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, ReturnType, Type};

use super::model::Route;
use crate::exports::{convert_value, private, private_at};
use crate::handler::{RegisteredBy, emit_fn_and_proxy, location, struct_vis};
use crate::rule::{Segment, encode_literal};

/// The code of a view: its function and proxy once, and for each of its rules (one,
/// or several stacked attributes) a parameters struct, a `UrlRule` and a `RouteDef`.
/// `url(..)` and `UrlParams` are those of the first rule.
pub(crate) fn view(rules: &[Route]) -> TokenStream {
    let p = private();
    let first = &rules[0];
    let name = first.name();
    let vis = struct_vis(first.item);
    let by = match first.blueprint {
        Some(_) => RegisteredBy::Blueprint,
        None => RegisteredBy::Routes,
    };
    let head = emit_fn_and_proxy(first.item, "The route", by);
    let all_params: Vec<Vec<(Ident, Type, bool)>> = rules.iter().map(params).collect();
    let fields_idents: Vec<Ident> = (0..rules.len())
        .map(|i| match i {
            0 => format_ident!("{}_url_params", name),
            _ => format_ident!("{}_url_params_{}", name, i),
        })
        .collect();

    let mut fields_structs = Vec::new();
    let mut url_rules = Vec::new();
    let mut registers = Vec::new();
    for (index, (route, params)) in rules.iter().zip(&all_params).enumerate() {
        let fields_ident = &fields_idents[index];
        let param_names: Vec<&Ident> = params.iter().map(|(n, _, _)| n).collect();
        let param_types: Vec<&Type> = params.iter().map(|(_, t, _)| t).collect();
        let fields_doc = format!(
            "The URL parameters of `{name}` for \"{}\", for `url_for!`.",
            route.full_text
        );
        fields_structs.push(quote! {
            #[doc = #fields_doc]
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            #vis struct #fields_ident {
                #(pub #param_names: #param_types,)*
            }
        });
        let url_body = url_builder(route, params);
        // `url_for!` picks the rule by its index in `UrlParams::RULES`: the first
        // whose parameters are the names given.
        url_rules.push(quote! {
            #[automatically_derived]
            impl #p::UrlRule<#index> for #name {
                type Fields = #fields_ident;
                fn build(fields: #fields_ident, _: #p::Token) -> #p::Url {
                    #url_body
                }
            }
        });
        if index == 0 {
            let rule_names = all_params.iter().map(|params| {
                let names = params.iter().map(|(n, _, _)| n.to_string());
                quote!(&[#(#names),*])
            });
            url_rules.push(quote! {
                #[automatically_derived]
                impl #p::UrlParams for #name {
                    type Fields = #fields_ident;
                    type Rules = Self;
                    const RULES: &'static [&'static [&'static str]] = &[#(#rule_names),*];
                    fn build(fields: #fields_ident, token: #p::Token) -> #p::Url {
                        <Self as #p::UrlRule<0>>::build(fields, token)
                    }
                }
            });
        }
        registers.push(register(route, params));
    }

    let params = &all_params[0];
    let fields_ident = &fields_idents[0];
    let param_names: Vec<&Ident> = params.iter().map(|(n, _, _)| n).collect();
    let param_types: Vec<&Type> = params.iter().map(|(_, t, _)| t).collect();
    let url_doc = if rules.len() == 1 {
        format!("The URL of this route: `{}`.", first.full_text)
    } else {
        format!(
            "The URL of this view's first rule, `{}`; `url_for!` builds any of its rules.",
            first.full_text
        )
    };
    let checks = checks(rules);

    quote! {
        #head

        #(#fields_structs)*

        impl #name {
            #[doc = #url_doc]
            #[allow(clippy::too_many_arguments)]
            #vis fn url(#(#param_names: impl #p::UrlArg<#param_types>),*) -> #p::Url {
                <Self as #p::UrlParams>::build(#fields_ident {
                    #(#param_names: #p::UrlArg::into_url_arg(#param_names),)*
                }, #p::TOKEN)
            }
        }

        const _: () = {
            #checks

            #(#url_rules)*

            #[automatically_derived]
            impl #p::Register for #name {
                fn register(self, scaffold: &mut #p::Scaffold) {
                    #(#registers)*
                }
            }
        };
    }
}

/// A rule's path parameters in path order, with the type of the argument they bind to.
fn params(route: &Route) -> Vec<(Ident, Type, bool)> {
    route
        .rule
        .params()
        .filter_map(|(param, rest)| {
            route
                .arg_for(param)
                .map(|a| (Ident::new(param, route.path.span()), a.ty.clone(), rest))
        })
        .collect()
}

/// Adds one rule's `RouteDef`, in a block of its own so each rule's `__fw_start`
/// has its own scope.
fn register(route: &Route, params: &[(Ident, Type, bool)]) -> TokenStream {
    let p = private();
    let handler = axum_handler(route, params);
    let endpoint = &route.endpoint;
    let strict_slashes = route.strict_slashes;
    let blueprint = match &route.blueprint {
        Some(bp) => quote!(#p::Some(#bp)),
        None => quote!(#p::None),
    };
    let rule = &route.full_text;
    let methods = &route.methods;
    let location = location(route.item);
    let rate_limit = &route.rate_limit;
    quote! {{
        #handler
        scaffold.add_route(#p::RouteDef {
            name: #endpoint,
            blueprint: #blueprint,
            rule: #rule,
            methods: &[#(#methods),*],
            strict_slashes: #strict_slashes,
            location: #location,
            rate_limit: #rate_limit,
            start: __fw_start,
        });
    }}
}

/// The body of `UrlParams::build`: literal pieces and encoded parameters.
fn url_builder(route: &Route, params: &[(Ident, Type, bool)]) -> TokenStream {
    let p = private();
    let mut steps = Vec::new();
    let mut literal = String::new();
    let mut capacity = 0;
    for segment in &route.full.segments {
        literal.push('/');
        match segment {
            Segment::Literal(text) => literal.push_str(&encode_literal(text)),
            Segment::Param { name, rest } => {
                capacity += literal.len() + 8;
                steps.push(quote!(builder.literal(#literal);));
                literal.clear();
                let field = params
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map(|(n, _, _)| n.clone())
                    .unwrap_or_else(|| Ident::new(name, route.path.span()));
                if *rest {
                    steps.push(quote!(builder.rest(&fields.#field);));
                } else {
                    steps.push(quote!(builder.segment(&fields.#field);));
                }
            }
        }
    }
    if route.full.segments.is_empty() || route.full.trailing_slash {
        literal.push('/');
    }
    if !literal.is_empty() {
        capacity += literal.len();
        steps.push(quote!(builder.literal(#literal);));
    }
    let unused = if params.is_empty() {
        quote!(let _ = fields;)
    } else {
        TokenStream::new()
    };
    quote! {
        #unused
        let mut builder = #p::UrlBuilder::new(#capacity);
        #(#steps)*
        builder.finish()
    }
}

/// `fn __fw_start(chain, request) -> BoxFuture<Response>`: the request through the
/// pipeline with the route's scope chain, around the view, which takes the request,
/// extracts the path parameters (as one `PathParams<(..)>`) and each other argument
/// in the user's order, the last one from the body, and calls the user's function.
/// The pipeline and axum's handler are the same for every route; only this and the
/// view are compiled per route.
///
/// Extraction goes through our traits (`PartsArg`, `BodyArg`), whose
/// `#[diagnostic::on_unimplemented]` messages land on the argument's type; the
/// handler itself always takes a `Request`, so a bad argument gives one clear error
/// rather than axum's `Handler<_, _>` wall.
fn axum_handler(route: &Route, params: &[(Ident, Type, bool)]) -> TokenStream {
    let p = private();
    let name = route.name();
    let param_vars: Vec<Ident> = (0..params.len())
        .map(|i| format_ident!("__fw_p{}", i))
        .collect();
    let param_types: Vec<&Type> = params.iter().map(|(_, t, _)| t).collect();

    let mut lets = Vec::new();
    if !params.is_empty() {
        lets.push(quote! {
            let #p::PathParams((#(#param_vars,)*)) =
                match <#p::PathParams<(#(#param_types,)*)> as #p::PartsArg>::extract(&mut __fw_parts, #p::TOKEN).await {
                    #p::Ok(value) => value,
                    #p::Err(rejection) => return #p::rejected(rejection).await,
                };
        });
    }
    // The guard of `requires`, after the path parameters (a URL that does not match
    // is a 404 first) and before anything else is read.
    if let Some(requires) = &route.requires {
        lets.push(crate::requires::route_check(requires));
    }
    let extractors = route
        .args
        .iter()
        .filter(|a| !route.is_param(a) && route.default_for(a).is_none())
        .count();
    let mut seen = 0;
    let mut body_used = false;
    let mut call_args = Vec::new();
    for (index, arg) in route.args.iter().enumerate() {
        if route.is_param(arg) {
            let position = params
                .iter()
                .position(|(n, _, _)| arg.name.as_ref().is_some_and(|a| a == n))
                .unwrap_or(0);
            let var = &param_vars[position];
            call_args.push(quote!(#var));
            continue;
        }
        let var = format_ident!("__fw_a{}", index);
        if let Some(default) = route.default_for(arg) {
            let ty = &arg.ty;
            let value = super::defaults::value(default, ty);
            lets.push(quote!(let #var: #ty = #value;));
            call_args.push(quote!(#var));
            continue;
        }
        seen += 1;
        let ty = &arg.ty;
        let pt = private_at(ty.span());
        let extract = if seen == extractors {
            body_used = true;
            let marker = body_marker(ty);
            quote_spanned! {ty.span()=>
                <#ty as #pt::BodyArg<#marker>>::extract(#pt::Request::from_parts(__fw_parts, __fw_body), #pt::TOKEN)
            }
        } else {
            quote_spanned!(ty.span()=> <#ty as #pt::PartsArg>::extract(&mut __fw_parts, #pt::TOKEN))
        };
        // All of it on the argument's type, so a bad extractor is reported there once.
        lets.push(quote_spanned! {ty.span()=>
            let #var: #ty = match #extract.await {
                #pt::Ok(value) => value,
                #pt::Err(rejection) => return #pt::rejected(rejection).await,
            };
        });
        call_args.push(quote!(#var));
    }
    // A handler that takes nothing from the request does not even look at it: the
    // request is dropped when the view starts, not carried in its future.
    let takes_nothing = params.is_empty() && extractors == 0 && route.requires.is_none();
    let (request_arg, view) = if takes_nothing {
        (TokenStream::new(), quote!(|_: #p::Request| __fw_view()))
    } else {
        (quote!(__fw_request: #p::Request), quote!(__fw_view))
    };
    let split = if takes_nothing {
        TokenStream::new()
    } else if body_used {
        quote!(let (mut __fw_parts, __fw_body) = __fw_request.into_parts();)
    } else {
        quote!(let (mut __fw_parts, _) = __fw_request.into_parts();)
    };
    let output_span = match &route.item.sig.output {
        ReturnType::Default => route.item.sig.ident.span(),
        ReturnType::Type(_, ty) => ty.span(),
    };
    // Spanned on the return type, so a type that is not a response is reported there;
    // a trait call rather than a generic function's bound, so the message has no
    // "required by a bound in" note pointing into the framework.
    let po = private_at(output_span);
    let respond = if route.item.sig.asyncness.is_some() {
        convert_value(
            output_span,
            quote!(#name(#(#call_args),*).await),
            quote_spanned!(output_span=> #po::Responder::into_outcome),
            quote_spanned!(output_span=> , #po::TOKEN),
        )
    } else {
        let convert = convert_value(
            output_span,
            quote!(#name(#(#call_args),*)),
            quote_spanned!(output_span=> #po::Responder::into_outcome),
            quote_spanned!(output_span=> , #po::TOKEN),
        );
        quote_spanned!(output_span=> #po::respond_sync(move || #convert).await)
    };
    // Only a view with an extractor can make a `G`: one without takes the plainer
    // path when the app has no hooks.
    let extracts = if extractors > 0 || route.requires.is_some() {
        format_ident!("Yes")
    } else {
        format_ident!("No")
    };
    quote! {
        fn __fw_start(
            __fw_chain: #p::Chain,
            __fw_request: #p::Request,
        ) -> #p::BoxFuture<'static, #p::Response> {
            #[allow(clippy::redundant_closure)]
            async fn __fw_view(#request_arg) -> #p::Outcome {
                #split
                #(#lets)*
                #respond
            }
            #p::start(__fw_chain, __fw_request, #view, #p::Extracts::#extracts)
        }
    }
}

/// How the last argument extracts, when its type says so: the validated extractors
/// are known to read the body (or, `ValidQuery` and the identity guards, the head),
/// and naming that lets rustc explain what is missing (`Login` does not derive
/// `Validate`, `Admin` is not a permission) instead of only saying the argument is
/// not an extractor. Other types are left to inference.
fn body_marker(ty: &Type) -> TokenStream {
    let pt = private_at(ty.span());
    let text = quote!(#ty).to_string();
    let names = |list: &[&str]| {
        text.split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|word| list.contains(&word))
    };
    if names(&["ValidForm", "ValidJson", "FormResult"]) {
        quote!(#pt::Body)
    } else if names(&[
        "ValidQuery",
        "RequirePermission",
        "RequireRole",
        "RequireScope",
    ]) {
        quote!(#pt::Head)
    } else {
        quote!(_)
    }
}

/// Path parameters must parse from a segment and print back into URLs: checked on
/// the argument's type, so the error lands there.
fn checks(rules: &[Route]) -> TokenStream {
    let route = &rules[0];
    let is_param = |arg: &crate::handler::Arg| rules.iter().any(|r| r.is_param(arg));
    let checks = route.args.iter().filter(|a| is_param(a)).map(|arg| {
        let ty = &arg.ty;
        let pt = private_at(ty.span());
        quote_spanned!(ty.span()=> #pt::check_path_param::<#ty>();)
    });
    quote! {
        #[allow(dead_code)]
        fn __fw_checks() {
            #(#checks)*
        }
    }
}
