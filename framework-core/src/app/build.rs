//! Assembling the router: conflict checks, method routers per path, OPTIONS and 405
//! with `Allow`, the trailing-slash redirect, 404, hooks and error handlers.

use std::collections::{BTreeMap, HashMap};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::MethodRouter;
use http::{HeaderValue, StatusCode, header};

use super::RouterLayer;
use super::error::{BuildError, Conflict};
use crate::Error;
use crate::hooks::{HookKind, Scope, ScopeHooks, ScopeLayer};
use crate::routing::{Location, RouteDef, Rule};
use crate::scaffold::Scaffold;

/// All routes that share one path shape (`/users/<_>`), merged into one axum route.
struct PathGroup {
    axum_path: String,
    router: MethodRouter<()>,
    methods: Vec<&'static str>,
}

/// The request body limit and the static folder (issue 3).
pub(super) struct Extras<'a> {
    pub(super) max_content_length: Option<usize>,
    pub(super) static_files: Option<&'a crate::static_files::StaticFiles>,
}

pub(super) fn build(
    items: &Scaffold,
    blueprints: &[(&'static str, &'static str)],
    layers: &[RouterLayer],
    extras: Extras<'_>,
) -> Result<Router, BuildError> {
    check_blueprint_names(blueprints)?;
    let rules = parse_rules(&items.routes)?;
    check_conflicts(&items.routes, &rules)?;

    let app_hooks = app_scope(items);
    let app_errors = app_hooks.errors.clone();
    let mut scope_layers: HashMap<&'static str, Option<ScopeLayer>> = HashMap::new();

    let mut groups: BTreeMap<String, PathGroup> = BTreeMap::new();
    for (def, rule) in items.routes.iter().zip(&rules) {
        let mut router = (def.handler)();
        if let Some(bp) = def.blueprint {
            let layer = scope_layers
                .entry(bp)
                .or_insert_with(|| blueprint_scope(items, bp, &app_errors));
            if let Some(layer) = layer {
                router = router.route_layer(layer.clone());
            }
        }
        let group = groups.entry(rule.shape()).or_insert_with(|| PathGroup {
            axum_path: rule.axum_path(),
            router: MethodRouter::new(),
            methods: Vec::new(),
        });
        group.router = std::mem::take(&mut group.router).merge(router);
        group.methods.extend(def.methods.iter().copied());
    }

    let redirects = trailing_slash_redirects(&rules, &groups);
    let mut router = Router::new();
    for group in groups.into_values() {
        let allow = allow_header(&group.methods);
        let mut method_router = group.router;
        if !group.methods.contains(&"OPTIONS") {
            let allow = allow.clone();
            method_router = method_router.options(move || options(allow.clone()));
        }
        let fallback_allow = allow.clone();
        method_router = method_router.fallback(move || method_not_allowed(fallback_allow.clone()));
        router = add_route(router, &group.axum_path, method_router)?;
    }
    for (from, to) in redirects {
        let to: Arc<str> = to.into();
        router = add_route(
            router,
            &from,
            axum::routing::any(move |req: Request| add_slash(to.clone(), req)),
        )?;
    }
    // Issue 3: the static folder, and the body limit every extractor reads.
    if let Some(files) = extras.static_files {
        router = files.mount(router).map_err(|message| BuildError::Router {
            rule: files.prefix().to_owned(),
            message,
        })?;
    }
    router = router.fallback(not_found);
    // A limit the app set applies to every extractor, axum's own included; without
    // one, the framework's extractors use 1 MiB by themselves and no layer (and no
    // per-request cost) is added.
    if let Some(limit) = extras.max_content_length {
        router = router
            .layer(axum::extract::DefaultBodyLimit::max(limit))
            .layer(axum::Extension(crate::input::MaxContentLength(limit)));
    }

    // The app's layer also runs the blueprints' teardown hooks, after every after-request
    // hook (Flask tears down once the response is final), so it must exist when any
    // blueprint has teardown hooks.
    let blueprint_teardown = items
        .hooks
        .iter()
        .any(|h| h.blueprint.is_some() && matches!(h.kind, HookKind::Teardown(_)));
    if !app_hooks.is_empty() || blueprint_teardown {
        let mut app_hooks = app_hooks;
        app_hooks.outermost = true;
        router = router.layer(Scope::layer(app_hooks));
    }
    for layer in layers {
        router = layer(router);
    }
    Ok(router)
}

fn check_blueprint_names(blueprints: &[(&'static str, &'static str)]) -> Result<(), BuildError> {
    for (i, (name, _)) in blueprints.iter().enumerate() {
        if blueprints[..i].iter().any(|(other, _)| other == name) {
            return Err(BuildError::DuplicateBlueprint(name));
        }
    }
    Ok(())
}

fn parse_rules(routes: &[RouteDef]) -> Result<Vec<Rule>, BuildError> {
    routes
        .iter()
        .map(|def| {
            Rule::parse(def.rule).map_err(|e| BuildError::InvalidRule {
                endpoint: def.endpoint(),
                rule: def.rule.to_owned(),
                message: e.to_string(),
            })
        })
        .collect()
}

/// Two routes conflict when they answer the same method on paths of the same shape
/// (parameter names do not matter: `/<id>` and `/<name>` match the same requests), or
/// when they have the same endpoint name.
fn check_conflicts(routes: &[RouteDef], rules: &[Rule]) -> Result<(), BuildError> {
    let mut conflicts = Vec::new();
    let mut seen: HashMap<(String, &str), (String, Location)> = HashMap::new();
    let mut endpoints: HashMap<String, Location> = HashMap::new();
    for (def, rule) in routes.iter().zip(rules) {
        let endpoint = def.endpoint();
        for method in def.methods {
            let key = (rule.shape(), *method);
            let this = (endpoint.clone(), def.location);
            if let Some(first) = seen.get(&key) {
                conflicts.push(Conflict {
                    what: format!("{method} {}", rule.shape()),
                    first: first.clone(),
                    second: this,
                });
            } else {
                seen.insert(key, this);
            }
        }
        match endpoints.get(&endpoint) {
            Some(first) if *first != def.location => conflicts.push(Conflict {
                what: format!("endpoint `{endpoint}`"),
                first: (endpoint.clone(), *first),
                second: (endpoint.clone(), def.location),
            }),
            Some(_) => {}
            None => {
                endpoints.insert(endpoint, def.location);
            }
        }
    }
    if conflicts.is_empty() {
        Ok(())
    } else {
        Err(BuildError::Conflicts(conflicts))
    }
}

/// The app's hooks: those written outside blueprints and blueprints' `*_app_*` ones,
/// in registration order.
fn app_scope(items: &Scaffold) -> ScopeHooks {
    let mut scope = ScopeHooks::default();
    for hook in items
        .hooks
        .iter()
        .filter(|h| h.blueprint.is_none() || h.app_wide)
    {
        push_hook(&mut scope, hook.kind);
    }
    scope.errors = items
        .error_handlers
        .iter()
        .filter(|h| h.blueprint.is_none() || h.app_wide)
        .map(|h| (h.key, h.func))
        .collect();
    scope
}

/// A blueprint's own hooks, or `None` when it has none (no layer, no cost).
fn blueprint_scope(
    items: &Scaffold,
    name: &str,
    app_errors: &[(crate::hooks::ErrorKey, crate::hooks::ErrorFn)],
) -> Option<ScopeLayer> {
    let mut scope = ScopeHooks::default();
    for hook in items
        .hooks
        .iter()
        .filter(|h| h.blueprint == Some(name) && !h.app_wide)
    {
        push_hook(&mut scope, hook.kind);
    }
    scope.errors = items
        .error_handlers
        .iter()
        .filter(|h| h.blueprint == Some(name) && !h.app_wide)
        .map(|h| (h.key, h.func))
        .collect();
    if scope.is_empty() {
        return None;
    }
    scope.errors.extend_from_slice(app_errors);
    Some(Scope::layer(scope))
}

fn push_hook(scope: &mut ScopeHooks, kind: HookKind) {
    match kind {
        HookKind::Before(f) => scope.before.push(f),
        HookKind::After(f) => scope.after.push(f),
        HookKind::Teardown(f) => scope.teardown.push(f),
    }
}

/// A route declared `/path/` also answers `/path` with a 308 to `/path/`, unless
/// `/path` is a route of its own.
fn trailing_slash_redirects(
    rules: &[Rule],
    groups: &BTreeMap<String, PathGroup>,
) -> Vec<(String, String)> {
    let mut redirects = Vec::new();
    for rule in rules.iter().filter(|r| r.trailing_slash) {
        let without = Rule {
            segments: rule.segments.clone(),
            trailing_slash: false,
        };
        if groups.contains_key(&without.shape())
            || redirects
                .iter()
                .any(|(from, _)| *from == without.axum_path())
        {
            continue;
        }
        redirects.push((without.axum_path(), rule.axum_path()));
    }
    redirects
}

fn add_route(
    router: Router,
    path: &str,
    method_router: MethodRouter<()>,
) -> Result<Router, BuildError> {
    // axum panics on paths its matcher cannot hold together; report that as an error
    // naming the rule instead of a panic at startup.
    std::panic::catch_unwind(AssertUnwindSafe(|| router.route(path, method_router))).map_err(
        |panic| BuildError::Router {
            rule: path.to_owned(),
            message: panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "rejected by the router".to_owned()),
        },
    )
}

/// The `Allow` value for a path: its methods, plus HEAD with GET, plus OPTIONS.
fn allow_header(methods: &[&'static str]) -> HeaderValue {
    let mut all: Vec<&str> = methods.to_vec();
    if all.contains(&"GET") {
        all.push("HEAD");
    }
    all.push("OPTIONS");
    let order = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
    ];
    all.sort_by_key(|m| order.iter().position(|o| o == m).unwrap_or(order.len()));
    all.dedup();
    HeaderValue::from_str(&all.join(", ")).unwrap_or_else(|_| HeaderValue::from_static("OPTIONS"))
}

async fn options(allow: HeaderValue) -> Response {
    (StatusCode::OK, [(header::ALLOW, allow)]).into_response()
}

async fn method_not_allowed(allow: HeaderValue) -> Response {
    Error::from_status(StatusCode::METHOD_NOT_ALLOWED)
        .with_header(header::ALLOW, allow)
        .into_response()
}

async fn not_found() -> Response {
    Error::from_status(StatusCode::NOT_FOUND).into_response()
}

async fn add_slash(_to: Arc<str>, req: Request) -> Response {
    let uri = req.uri();
    let mut target = format!("{}/", uri.path());
    if let Some(query) = uri.query() {
        target.push('?');
        target.push_str(query);
    }
    Redirect::permanent(&target).into_response()
}
