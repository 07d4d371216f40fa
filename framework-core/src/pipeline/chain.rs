//! Scopes and chains: which hooks and error handlers a request runs through, worked
//! out once when the app is built.

use std::collections::HashMap;
use std::sync::Arc;

use crate::hooks::{AfterFn, BeforeFn, ErrorFn, ErrorKey, HookKind, TeardownFn};
use crate::scaffold::Scaffold;

/// The hooks and error handlers of one route's scope chain (app, then its blueprint),
/// flattened in the order the pipeline runs them. Cheap to clone.
#[derive(Clone)]
pub struct Chain(pub(crate) Arc<Hooks>);

/// One scope's error handlers, in registration order.
pub(crate) type ScopeHandlers = Box<[(ErrorKey, ErrorFn)]>;

/// A chain's hooks, each list in running order.
#[derive(Clone)]
pub(crate) struct Hooks {
    /// App scope first, each scope's in registration order.
    pub(crate) before: Box<[BeforeFn]>,
    /// Innermost scope first, each scope's in reverse registration order.
    pub(crate) after: Box<[AfterFn]>,
    /// Innermost scope first, each scope's in reverse registration order.
    pub(crate) teardown: Box<[TeardownFn]>,
    /// Each scope's error handlers in registration order, innermost scope first.
    pub(crate) handlers: Box<[ScopeHandlers]>,
    /// What the app asks of every request, shared by all its chains.
    pub(crate) policy: Arc<Policy>,
    /// The route's rate limiter, checked before the `before_request` hooks.
    pub(crate) limit: Option<Arc<crate::ratelimit::RouteLimiter>>,
}

/// What an app asks of every request, whatever its route.
#[derive(Clone)]
pub(crate) struct Policy {
    /// The host names the app answers to, if it says.
    pub(crate) trusted_hosts: Option<super::TrustedHosts>,
    /// `TESTING`: a failure no handler took reaches the test client.
    pub(crate) testing: bool,
    /// The statuses the app gives failures of foreign error types.
    pub(crate) error_statuses: Vec<StatusMap>,
    /// The headers every response gets.
    pub(crate) headers: crate::security::SecurityHeaders,
    /// `MAX_URI_LENGTH`: the longest path and query answered; longer is a 414.
    pub(crate) max_uri_length: usize,
    /// `TRUSTED_PROXIES`: whose `X-Forwarded-*` headers are believed.
    pub(crate) proxies: Option<crate::security::TrustedProxies>,
    /// `APPLICATION_ROOT`: the path the app is mounted under, the script root of
    /// requests that no trusted proxy gave another (`X-Forwarded-Prefix`).
    pub(crate) application_root: Option<Arc<str>>,
    /// `DEBUG` (never in production): unhandled failures get the debug page, which
    /// names the route from these.
    pub(crate) debug: Option<Arc<crate::error::debug_page::DebugRoutes>>,
    /// The configuration and cookie key handlers may ask for, once the app is
    /// configured.
    pub(crate) context: Option<crate::app::AppContext>,
}

/// `MAX_URI_LENGTH` by default, in bytes (nginx's default buffer for a request line).
pub(crate) const DEFAULT_MAX_URI_LENGTH: usize = 8 * 1024;

impl Default for Policy {
    fn default() -> Self {
        Policy {
            trusted_hosts: None,
            testing: false,
            error_statuses: Vec::new(),
            headers: crate::security::SecurityHeaders::default(),
            max_uri_length: DEFAULT_MAX_URI_LENGTH,
            proxies: None,
            application_root: None,
            debug: None,
            context: None,
        }
    }
}

impl Policy {
    /// Asks nothing of the hooks' machinery: a chain without hooks may take the
    /// direct path (which still checks the host and adds the headers).
    fn is_neutral(&self) -> bool {
        !self.testing && self.error_statuses.is_empty()
    }
}

/// Gives a failure of one error type its status, or `None` to leave it a 500.
pub type StatusMap = Arc<dyn Fn(&crate::Error) -> Option<http::StatusCode> + Send + Sync + 'static>;

impl Hooks {
    /// No hook and no handler: the view's answer goes out as it is.
    pub(crate) fn is_empty(&self) -> bool {
        self.before.is_empty()
            && self.after.is_empty()
            && self.teardown.is_empty()
            && self.handlers.is_empty()
            && self.limit.is_none()
            && self.policy.is_neutral()
    }
}

impl Chain {
    /// Whether the chain has no hook and no handler.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// This chain for one route with a rate limit: the same hooks, and its limiter.
    pub(crate) fn with_limit(&self, limiter: Arc<crate::ratelimit::RouteLimiter>) -> Chain {
        let mut hooks = (*self.0).clone();
        hooks.limit = Some(limiter);
        Chain(Arc::new(hooks))
    }
}

/// One scope's own hooks and handlers, in registration order.
#[derive(Default)]
struct Scope {
    before: Vec<BeforeFn>,
    after: Vec<AfterFn>,
    teardown: Vec<TeardownFn>,
    handlers: Vec<(ErrorKey, ErrorFn)>,
}

impl Scope {
    /// The app's scope (`None`: hooks written outside blueprints, and blueprints'
    /// `*_app_*` ones) or a blueprint's own.
    fn of(items: &Scaffold, blueprint: Option<&str>) -> Scope {
        let belongs = |of: Option<&str>, app_wide: bool| match blueprint {
            None => of.is_none() || app_wide,
            Some(name) => of == Some(name) && !app_wide,
        };
        let mut scope = Scope::default();
        for hook in items
            .hooks
            .iter()
            .filter(|h| belongs(h.blueprint, h.app_wide))
        {
            match hook.kind {
                HookKind::Before(f) => scope.before.push(f),
                HookKind::After(f) => scope.after.push(f),
                HookKind::Teardown(f) => scope.teardown.push(f),
            }
        }
        scope.handlers = items
            .error_handlers
            .iter()
            .filter(|h| belongs(h.blueprint, h.app_wide))
            .map(|h| (crate::error::normalise(h.key), h.func))
            .collect();
        scope
    }
}

/// The chains of an app being built, one per scope, made on first use.
pub(crate) struct Scopes<'a> {
    items: &'a Scaffold,
    policy: Arc<Policy>,
    chains: HashMap<Option<&'static str>, Chain>,
}

impl<'a> Scopes<'a> {
    pub(crate) fn new(items: &'a Scaffold, policy: &Policy) -> Self {
        Scopes {
            items,
            policy: Arc::new(policy.clone()),
            chains: HashMap::new(),
        }
    }

    /// The app's own chain: for unknown paths, wrong methods, redirects, static files.
    pub(crate) fn app(&mut self) -> Chain {
        self.chain(None)
    }

    /// The chain of a route in `blueprint` (`None`: a route of the app): the app,
    /// then each blueprint from the outermost in (`admin`, then `admin.users`), as
    /// Flask reads them from the dotted name.
    pub(crate) fn chain(&mut self, blueprint: Option<&'static str>) -> Chain {
        let items = self.items;
        let policy = &self.policy;
        self.chains
            .entry(blueprint)
            .or_insert_with(|| {
                let mut scopes = vec![Scope::of(items, None)];
                if let Some(name) = blueprint {
                    // `a.b.c` is in `a`, `a.b` and `a.b.c`: the name up to each dot.
                    let ends = name.match_indices('.').map(|(i, _)| i).chain([name.len()]);
                    scopes.extend(
                        ends.filter_map(|end| name.get(..end))
                            .map(|outer| Scope::of(items, Some(outer))),
                    );
                }
                Chain(Arc::new(join(scopes, policy.clone())))
            })
            .clone()
    }
}

/// Flattens scopes (app first) into running order.
fn join(scopes: Vec<Scope>, policy: Arc<Policy>) -> Hooks {
    let before = scopes
        .iter()
        .flat_map(|s| s.before.iter().copied())
        .collect();
    let after = scopes
        .iter()
        .rev()
        .flat_map(|s| s.after.iter().rev().copied())
        .collect();
    let teardown = scopes
        .iter()
        .rev()
        .flat_map(|s| s.teardown.iter().rev().copied())
        .collect();
    let handlers = scopes
        .into_iter()
        .rev()
        .filter(|s| !s.handlers.is_empty())
        .map(|s| s.handlers.into_boxed_slice())
        .collect();
    Hooks {
        before,
        after,
        teardown,
        handlers,
        policy,
        limit: None,
    }
}
