//! Attribute macros for `framework-core`: `#[route]` and its shortcuts, `#[blueprint]`,
//! request hooks, error handlers and `url_for!`. They expand into plain axum routers;
//! use them through `framework_core::prelude`.
#![forbid(unsafe_code)]

mod args;
mod blueprint;
mod diag;
mod entry;
mod exports;
mod fallback;
mod handler;
mod hooks;
mod rate_limit;
mod requires;
mod route;
mod rule;
mod symbol;
mod url_for;

use proc_macro::TokenStream;

use hooks::Kind;

/// Registers a function as the view for a path, Flask's `@app.route`.
///
/// ```ignore
/// #[route("/<id>/update", methods = [GET, POST])]
/// async fn update(id: i64, form: Option<Form<PostForm>>) -> Result<Response> { … }
/// ```
///
/// # Arguments
/// - the path: literal segments and parameters, `<name>` for one segment or
///   `<path:name>` for the rest of the path. Each parameter binds to the handler
///   argument of the same name, whose type decides how it parses (`id: i64`); a value
///   that does not parse is a 404. Every other argument is an axum extractor.
/// - `methods = [GET, POST, …]`: the methods it answers (default `GET`; `GET` also
///   answers `HEAD`).
/// - `requires = Marker`: a guard run after the path parameters and before the
///   other arguments (a role, permission or scope, or any `framework_core::Requirement`);
///   its rejection is the answer. `requires = [A, B]` runs several, in that order:
///   all must pass, and the first that refuses answers.
///
/// The function stays as it is (call it directly in a test); beside it, in the type
/// namespace, a struct of the same name carries the route: register it with
/// `App::new().register(routes![update])` (or put it in a `#[blueprint]` module),
/// and build its URL with `update::url(1)` or `url_for!(update, id = 1)`.
#[proc_macro_attribute]
pub fn route(args: TokenStream, item: TokenStream) -> TokenStream {
    entry::attr_on_fn(args, item, "route", |args, item| {
        route::expand(args, item, None)
    })
}

macro_rules! method_shortcut {
    ($($name:ident => $method:literal),* $(,)?) => {$(
        #[doc = concat!("A route that answers `", $method, "`: `#[", stringify!($name), "(\"/path\")]` is `#[route(\"/path\", methods = [", $method, "])]`.")]
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            entry::attr_on_fn(args, item, stringify!($name), |args, item| {
                route::expand(args, item, Some($method))
            })
        }
    )*};
}

method_shortcut! {
    get => "GET",
    post => "POST",
    put => "PUT",
    patch => "PATCH",
    delete => "DELETE",
}

/// Groups the routes, hooks and error handlers of an inline module into a blueprint,
/// Flask's `Blueprint`. Generates `pub fn blueprint() -> Blueprint` in the module.
///
/// ```ignore
/// #[blueprint(prefix = "/auth")]
/// mod auth {
///     use framework_core::prelude::*;
///     #[get("/login")]
///     async fn login() -> &'static str { "log in" }
/// }
/// App::new().blueprint(auth::blueprint());
/// ```
///
/// # Arguments
/// - `prefix = "/auth"`: put in front of every route's path (and its URLs).
/// - `name = "auth"`: the first part of its endpoints (default: the module's name).
/// - `requires = Marker` (or `[A, B]`, all of them, in order): a guard for every
///   route of the blueprint, run as its first `before_request` hook.
///
/// Two routes of one blueprint with the same method and path are a compile error.
#[proc_macro_attribute]
pub fn blueprint(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = match syn::parse::<blueprint::attr::BlueprintArgs>(args) {
        Ok(args) => args,
        Err(error) => {
            let item = proc_macro2::TokenStream::from(item);
            let error = error.into_compile_error();
            return quote::quote!(#error #item).into();
        }
    };
    let output = match syn::parse::<syn::ItemMod>(item.clone()) {
        Ok(module) => blueprint::expand(args, module),
        Err(_) => {
            let item = proc_macro2::TokenStream::from(item);
            syn::Error::new(
                proc_macro2::Span::call_site(),
                "`#[blueprint]` can only be used on an inline module: `mod auth { ... }`",
            )
            .into_compile_error()
            .into_iter()
            .chain(item)
            .collect()
        }
    };
    entry::debug_print("blueprint", &output);
    output.into()
}

macro_rules! hook_attribute {
    ($($name:ident => ($kind:expr, $app_wide:expr, $doc:literal)),* $(,)?) => {$(
        #[doc = $doc]
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            entry::attr_on_fn(args, item, stringify!($name), |args, item| {
                hooks::expand_hook($kind, $app_wide, args, item)
            })
        }
    )*};
}

hook_attribute! {
    before_request => (Kind::Before, false,
        "Runs before each request (of its blueprint, inside one), in registration order; returning a response ends the request there. Arguments are extractors and `G`; it returns `()`, `Option<impl IntoResponse>` or `Result<..>`. `#[before_request(requires = Marker)]` runs the marker's guard first (`framework_core::Requirement`); `requires = [A, B]` runs each, in order."),
    before_app_request => (Kind::Before, true,
        "In a blueprint: a `before_request` hook for every request of the app, Flask's `before_app_request`."),
    after_request => (Kind::After, false,
        "Runs after the handler, in reverse registration order, and may change the response: `fn(response: Response, ..extractors) -> Response`."),
    after_app_request => (Kind::After, true,
        "In a blueprint: an `after_request` hook for every request of the app."),
    teardown_request => (Kind::Teardown, false,
        "Runs at the very end of each request, always: also after an error or a panic. Takes extractors, returns nothing."),
    teardown_app_request => (Kind::Teardown, true,
        "In a blueprint: a `teardown_request` hook for every request of the app."),
}

/// Handles an error by status code (`#[errorhandler(404)]`) or by type
/// (`#[errorhandler(MyError)]`, taking the error as first argument), returning the
/// response to send. A blueprint's handlers come before the app's for its routes.
#[proc_macro_attribute]
pub fn errorhandler(args: TokenStream, item: TokenStream) -> TokenStream {
    entry::attr_on_fn(args, item, "errorhandler", |args, item| {
        hooks::expand_errorhandler(false, args, item)
    })
}

/// In a blueprint: an error handler for the whole app, Flask's `app_errorhandler`.
#[proc_macro_attribute]
pub fn app_errorhandler(args: TokenStream, item: TokenStream) -> TokenStream {
    entry::attr_on_fn(args, item, "app_errorhandler", |args, item| {
        hooks::expand_errorhandler(true, args, item)
    })
}

/// The URL of a route, with its parameters by name: `url_for!(blog::update, id = 1)`.
/// A route that does not exist, or a missing, unknown or mistyped parameter, is a
/// compile error. Returns a `Url`; add query arguments with `.query("page", 2)`.
#[proc_macro]
pub fn url_for(input: TokenStream) -> TokenStream {
    let output = match syn::parse::<url_for::UrlFor>(input) {
        Ok(parsed) => url_for::expand(parsed),
        Err(error) => error.into_compile_error(),
    };
    entry::debug_print("url_for", &output);
    output.into()
}
