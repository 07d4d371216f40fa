//! Assembling the router: conflict checks, method routers per path, OPTIONS and 405
//! with `Allow`, the trailing-slash redirect, 404, hooks and error handlers.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;

use axum::Router;
use axum::extract::Request;
use axum::handler::Handler;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodFilter, MethodRouter};
use http::{HeaderValue, StatusCode, header};

use super::RouterLayer;
use super::error::{BuildError, Conflict};
use super::layers::AppLayer;
use crate::Error;
use crate::pipeline::{Chain, Outcome, Scopes};
use crate::routing::{Location, RouteDef, Rule};
use crate::scaffold::Scaffold;

/// All routes that share one path shape (`/users/<_>`), merged into one axum route.
struct PathGroup {
    axum_path: String,
    router: MethodRouter<()>,
    methods: Vec<&'static str>,
    /// The first route's chain, for the automatic `OPTIONS` answer.
    chain: Chain,
}

/// The request body limit and the static folder.
pub(super) struct Extras<'a> {
    pub(super) max_content_length: Option<usize>,
    pub(super) static_files: Option<&'a crate::static_files::StaticFiles>,
    /// The blueprints' own static folders, by blueprint name.
    pub(super) blueprint_static: &'a [(&'static str, crate::static_files::StaticFiles)],
    pub(super) automatic_options: bool,
    pub(super) policy: &'a crate::pipeline::Policy,
    pub(super) rate_limits: &'a crate::ratelimit::AppLimits,
    /// The debug page for unhandled failures (already off in production).
    pub(super) debug: bool,
    /// A log line per request.
    pub(super) log_requests: bool,
    /// Whether the router gets the outermost layer (`security::Outermost`) itself:
    /// `App::serve` wraps it around the whole router instead, once, which spares
    /// each request the boxed hop a router layer costs.
    pub(super) outermost: bool,
}

pub(super) fn build(
    items: &Scaffold,
    blueprints: &[super::Registered],
    layers: &[RouterLayer],
    extras: Extras<'_>,
) -> Result<Router, BuildError> {
    check_blueprint_names(blueprints)?;
    let rules = parse_rules(&items.routes)?;
    check_conflicts(&items.routes, &rules)?;

    let mut policy = extras.policy.clone();
    if extras.debug {
        policy.debug = Some(std::sync::Arc::new(debug_routes(&items.routes, &rules)));
    }
    let mut scopes = Scopes::new(items, &policy);
    let app = scopes.app();
    // One limiter per route, shared by both spellings of a `strict_slashes = false`
    // path, so `/login/` does not count apart from `/login`.
    let limiters: Vec<_> = items
        .routes
        .iter()
        .map(|def| extras.rate_limits.limiter(def))
        .collect();
    let mut groups: BTreeMap<String, PathGroup> = BTreeMap::new();
    for ((def, rule), limiter) in items.routes.iter().zip(&rules).zip(&limiters) {
        add_to_group(&mut groups, rule, def, limiter, &mut scopes);
    }

    // `strict_slashes = false`: the other spelling of the path answers too, where no
    // route has it.
    let mut alternates: BTreeMap<String, PathGroup> = BTreeMap::new();
    for ((def, rule), limiter) in items.routes.iter().zip(&rules).zip(&limiters) {
        if def.strict_slashes || rule.segments.is_empty() {
            continue;
        }
        let other = Rule {
            segments: rule.segments.clone(),
            trailing_slash: !rule.trailing_slash,
        };
        if groups.contains_key(&other.shape()) {
            continue;
        }
        add_to_group(&mut alternates, &other, def, limiter, &mut scopes);
    }
    groups.extend(alternates);

    let redirects = trailing_slash_redirects(&rules, &groups);
    let mut router = Router::new();
    for group in groups.into_values() {
        let allow = allow_header(&group.methods, extras.automatic_options);
        let mut method_router = group.router;
        if extras.automatic_options && !group.methods.contains(&"OPTIONS") {
            method_router =
                method_router.options(answer(group.chain.clone(), options(allow.clone())));
        }
        method_router = method_router.fallback(answer(app.clone(), method_not_allowed(allow)));
        router = add_route(router, &group.axum_path, method_router)?;
    }
    for (from, mut methods) in redirects {
        let allow = allow_header(&methods, extras.automatic_options);
        if extras.automatic_options {
            methods.push("OPTIONS");
        }
        let redirect = on_methods(&methods, answer_with(app.clone(), add_slash))
            .fallback(answer(app.clone(), method_not_allowed(allow)));
        router = add_route(router, &from, redirect)?;
    }
    // The app's files run through the app's chain, a blueprint's through its own: its
    // hooks and error handlers.
    let app_files = extras
        .static_files
        .into_iter()
        .map(|files| (app.clone(), files));
    let blueprint_files = extras
        .blueprint_static
        .iter()
        .map(|(name, files)| (scopes.chain(Some(*name)), files));
    for (chain, files) in app_files.chain(blueprint_files) {
        router = files
            .mount(
                router,
                chain,
                allow_header(&["GET"], extras.automatic_options),
                extras.automatic_options,
            )
            .map_err(|message| BuildError::Router {
                rule: files.prefix().to_owned(),
                message,
            })?;
    }
    // Static files at the root are the fallback themselves (a missing file is the 404).
    if !extras
        .static_files
        .is_some_and(|files| files.prefix().is_empty())
    {
        router = router.fallback(answer(app.clone(), || {
            Err(Error::from_status(StatusCode::NOT_FOUND))
        }));
    }
    // A limit the app set applies to every extractor, axum's own included; without
    // one, the framework's extractors use 1 MiB by themselves and no layer (and no
    // per-request cost) is added.
    if let Some(limit) = extras.max_content_length {
        router = router
            .layer(axum::extract::DefaultBodyLimit::max(limit))
            .layer(axum::Extension(crate::input::MaxContentLength(limit)));
    }
    // Outside the app's own layers, so the line shows the status the client gets.
    // Off, no layer is added and nothing is paid.
    let log = extras
        .log_requests
        .then(|| AppLayer::tower(axum::middleware::from_fn(crate::logging::log_request)));
    // Around everything: the proxy's rewrite before any layer sees the request, the
    // security headers on every answer, the layers' own included.
    let outermost = (extras.outermost && !crate::security::Outermost::is_idle(extras.policy))
        .then(|| crate::security::Outermost::of(extras.policy));
    let router = super::layers::apply(router, layers.iter().chain(log.as_ref()), outermost);
    Ok(router)
}

/// The routes as the debug page names them, by the path axum matches: each route's
/// own spelling and, with `strict_slashes = false`, the other one.
fn debug_routes(routes: &[RouteDef], rules: &[Rule]) -> crate::error::debug_page::DebugRoutes {
    let mut debug = crate::error::debug_page::DebugRoutes::default();
    for (def, rule) in routes.iter().zip(rules) {
        debug.add(def, rule.axum_path());
        if !def.strict_slashes && !rule.segments.is_empty() {
            let other = Rule {
                segments: rule.segments.clone(),
                trailing_slash: !rule.trailing_slash,
            };
            debug.add(def, other.axum_path());
        }
    }
    debug
}

/// Adds route `def` to the group of `rule`'s shape, with its chain's handler (and
/// its rate limiter; the automatic `OPTIONS` answer is not limited).
fn add_to_group(
    groups: &mut BTreeMap<String, PathGroup>,
    rule: &Rule,
    def: &RouteDef,
    limiter: &Option<std::sync::Arc<crate::ratelimit::RouteLimiter>>,
    scopes: &mut Scopes<'_>,
) {
    let chain = scopes.chain(def.blueprint);
    let endpoint = crate::pipeline::Endpoint {
        chain: match limiter {
            Some(limiter) => chain.with_limit(limiter.clone()),
            None => chain.clone(),
        },
        start: def.start,
    };
    let router = on_methods(def.methods, endpoint);
    let group = groups.entry(rule.shape()).or_insert_with(|| PathGroup {
        axum_path: rule.axum_path(),
        router: MethodRouter::new(),
        methods: Vec::new(),
        chain,
    });
    group.router = std::mem::take(&mut group.router).merge(router);
    group.methods.extend(def.methods.iter().copied());
}

type Answer = Pin<Box<dyn Future<Output = Response> + Send>>;

/// A handler giving the same answer to every request, through `chain`'s hooks.
fn answer<A>(chain: Chain, answer: A) -> impl Fn(Request) -> Answer + Clone + Send + Sync + 'static
where
    A: Fn() -> Outcome + Clone + Send + Sync + 'static,
{
    answer_with(chain, move |_: &Request| answer())
}

/// A handler whose answer depends only on the request head, through `chain`'s hooks.
fn answer_with<A>(
    chain: Chain,
    answer: A,
) -> impl Fn(Request) -> Answer + Clone + Send + Sync + 'static
where
    A: Fn(&Request) -> Outcome + Clone + Send + Sync + 'static,
{
    move |request: Request| {
        let answer = answer.clone();
        Box::pin(crate::pipeline::run(
            chain.clone(),
            request,
            move |request: Request| async move { answer(&request) },
            crate::pipeline::Extracts::Yes,
        ))
    }
}

fn check_blueprint_names(blueprints: &[super::Registered]) -> Result<(), BuildError> {
    for (i, registered) in blueprints.iter().enumerate() {
        if blueprints[..i]
            .iter()
            .any(|other| other.name == registered.name)
        {
            return Err(BuildError::DuplicateBlueprint(registered.name));
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

/// A route declared `/path/` also answers `/path` with a 308 to `/path/` (for the
/// methods it answers; others get a 405), unless `/path` is a route of its own.
fn trailing_slash_redirects(
    rules: &[Rule],
    groups: &BTreeMap<String, PathGroup>,
) -> Vec<(String, Vec<&'static str>)> {
    let mut redirects: Vec<(String, Vec<&'static str>)> = Vec::new();
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
        let methods = groups
            .get(&rule.shape())
            .map(|g| g.methods.clone())
            .unwrap_or_default();
        redirects.push((without.axum_path(), methods));
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
fn allow_header(methods: &[&'static str], options: bool) -> HeaderValue {
    let mut all: Vec<&str> = methods.to_vec();
    if all.contains(&"GET") {
        all.push("HEAD");
    }
    if options {
        all.push("OPTIONS");
    }
    let order = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
    ];
    all.sort_by_key(|m| order.iter().position(|o| o == m).unwrap_or(order.len()));
    all.dedup();
    HeaderValue::from_str(&all.join(", ")).unwrap_or_else(|_| HeaderValue::from_static("OPTIONS"))
}

fn options(allow: HeaderValue) -> impl Fn() -> Outcome + Clone + Send + Sync + 'static {
    move || Ok((StatusCode::OK, [(header::ALLOW, allow.clone())]).into_response())
}

fn method_not_allowed(allow: HeaderValue) -> impl Fn() -> Outcome + Clone + Send + Sync + 'static {
    move || {
        Err(Error::from_status(StatusCode::METHOD_NOT_ALLOWED)
            .with_header(header::ALLOW, allow.clone()))
    }
}

/// `/path?query` to `/path/?query`, permanently (308, so the method and body stay).
fn add_slash(request: &Request) -> Outcome {
    let uri = request.uri();
    // Under the prefix a trusted proxy mounts the app at, if any.
    let mut target = format!("{}{}/", crate::url::script_root(), uri.path());
    if let Some(query) = uri.query() {
        target.push('?');
        target.push_str(query);
    }
    Ok(Redirect::permanent(&target).into_response())
}

/// The handler for `methods`, as an axum method router.
fn on_methods<H, T>(methods: &[&str], handler: H) -> MethodRouter<()>
where
    H: Handler<T, ()>,
    T: 'static,
{
    let mut filter: Option<MethodFilter> = None;
    for method in methods {
        let this = match *method {
            "GET" => MethodFilter::GET,
            "HEAD" => MethodFilter::HEAD,
            "POST" => MethodFilter::POST,
            "PUT" => MethodFilter::PUT,
            "PATCH" => MethodFilter::PATCH,
            "DELETE" => MethodFilter::DELETE,
            "OPTIONS" => MethodFilter::OPTIONS,
            "TRACE" => MethodFilter::TRACE,
            "CONNECT" => MethodFilter::CONNECT,
            // The macros accept only the names above.
            _ => continue,
        };
        filter = Some(match filter {
            Some(f) => f.or(this),
            None => this,
        });
    }
    match filter {
        Some(filter) => axum::routing::on(filter, handler),
        None => MethodRouter::new(),
    }
}
