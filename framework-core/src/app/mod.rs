//! `App`: joins blueprints, routes, hooks and error handlers into one axum `Router`.

mod build;
mod configure;
mod context;
mod error;
mod layers;

pub(crate) use context::AppContext;
pub use error::{BuildError, Conflict};

use std::sync::Arc;

use axum::Router;

use crate::blueprint::Blueprint;
use crate::scaffold::{Register, Scaffold};

type RouterLayer = layers::AppLayer;

/// A blueprint as registered: its full name, and the name of the blueprint it is a
/// copy of.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Registered {
    pub(crate) name: &'static str,
    pub(crate) origin: &'static str,
}

/// A web application: routes, blueprints, hooks and error handlers, turned into one
/// axum [`Router`] by [`App::into_router`].
///
/// ```
/// use framework_core::prelude::*;
///
/// #[get("/")]
/// async fn index() -> &'static str {
///     "Hello, World!"
/// }
///
/// let router = App::new().register(routes![index]).into_router().expect("no route conflicts");
/// # let _ = router;
/// ```
#[derive(Clone)]
pub struct App {
    /// Every registered item in registration order; blueprints' items are added when
    /// the blueprint is, so hook order is exactly the order of registration.
    items: Scaffold,
    /// Registered blueprints, in registration order.
    blueprints: Vec<Registered>,
    /// Extra layers and extensions, applied around everything in order.
    layers: Vec<RouterLayer>,
    /// The largest request body the extractors read; `None` is the default, 1 MiB.
    max_content_length: Option<usize>,
    /// The static folder, if the app has one.
    static_files: Option<crate::static_files::StaticFiles>,
    /// The blueprints' own static folders, by blueprint name.
    blueprint_static: Vec<(&'static str, crate::static_files::StaticFiles)>,
    /// `SEND_FILE_MAX_AGE_DEFAULT`, for the static files.
    static_max_age: Option<std::time::Duration>,
    /// `TRUSTED_HOSTS`, `TESTING` and the statuses of foreign errors: what the
    /// pipeline asks of every request.
    policy: crate::pipeline::Policy,
    /// `PROVIDE_AUTOMATIC_OPTIONS`: whether routes answer `OPTIONS` by themselves.
    automatic_options: bool,
    /// What the server allows clients when it serves the app.
    limits: crate::serve::ServerLimits,
    /// Rate limits: the default, the blueprints', the store.
    rate_limits: crate::ratelimit::AppLimits,
    /// `DEBUG`: the debug page for unhandled failures (never in production).
    debug: bool,
    /// Configured with `APP_ENV=production`: no debug page, whatever `debug` says.
    production: bool,
    /// `LOG_REQUESTS`: one log line per request.
    log_requests: bool,
    /// Where in `layers` the layers of [`configure`](Self::configure)'s settings
    /// are, so that configuring again replaces them instead of adding more.
    configured: configure::ConfiguredLayers,
    /// `SERVER_NAME` with its scheme and root: the test client's default host.
    server_base: Option<crate::url::UrlBase>,
}

impl Default for App {
    fn default() -> Self {
        App {
            items: Scaffold::default(),
            blueprints: Vec::new(),
            layers: Vec::new(),
            max_content_length: None,
            static_files: None,
            blueprint_static: Vec::new(),
            static_max_age: None,
            policy: crate::pipeline::Policy::default(),
            automatic_options: true,
            limits: crate::serve::ServerLimits::default(),
            rate_limits: crate::ratelimit::AppLimits::default(),
            debug: false,
            production: false,
            log_requests: false,
            configured: configure::ConfiguredLayers::default(),
            server_base: None,
        }
    }
}

impl App {
    /// An empty app.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers routes, hooks and error handlers written outside any blueprint:
    /// `app.register(routes![index, not_found])`.
    pub fn register(mut self, item: impl Register) -> Self {
        item.register(&mut self.items);
        self
    }

    /// Registers a blueprint with all its routes, hooks and error handlers (Flask's
    /// `register_blueprint`).
    /// Blueprints nested in it come along, each after its parent.
    pub fn blueprint(mut self, blueprint: Blueprint) -> Self {
        self.add_blueprint(&blueprint);
        self
    }

    fn add_blueprint(&mut self, blueprint: &Blueprint) {
        // A blueprint registered again (a renamed copy) brings its own routes, hooks
        // and handlers, but its `*_app_*` ones are the app's and were registered with
        // the first (Flask's `record_once`).
        let first = !self
            .blueprints
            .iter()
            .any(|b| b.origin == blueprint.origin());
        self.blueprints.push(Registered {
            name: blueprint.name(),
            origin: blueprint.origin(),
        });
        if let Some(limits) = blueprint.rate_limits() {
            self.rate_limits
                .blueprints
                .push((blueprint.name(), limits.clone()));
        }
        if let Some(files) = blueprint.static_files() {
            self.blueprint_static.push((blueprint.name(), files));
        }
        let scaffold = blueprint.scaffold();
        self.items.routes.extend(scaffold.routes.iter().cloned());
        self.items.hooks.extend(
            scaffold
                .hooks
                .iter()
                .filter(|h| first || !h.app_wide)
                .copied(),
        );
        self.items.error_handlers.extend(
            scaffold
                .error_handlers
                .iter()
                .filter(|h| first || !h.app_wide)
                .copied(),
        );
        for child in blueprint.children() {
            self.add_blueprint(child);
        }
    }

    /// Makes `value` available to every handler and hook as `Extension<T>` (a
    /// database pool, a client, settings).
    pub fn extension<T: Clone + Send + Sync + 'static>(mut self, value: T) -> Self {
        self.layers.push(layers::AppLayer::extension(value));
        self
    }

    /// Wraps the whole app in a tower layer (compression, CORS, …); layers added later
    /// are outside those added earlier.
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
        L::Service: tower::Service<axum::extract::Request> + Clone + Send + Sync + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Response:
            axum::response::IntoResponse + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Error:
            Into<std::convert::Infallible> + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Future: Send + 'static,
    {
        self.layers.push(layers::AppLayer::tower(layer));
        self
    }

    /// Applies `f` to the finished router (after the framework's own layers).
    pub fn map_router(mut self, f: impl Fn(Router) -> Router + Send + Sync + 'static) -> Self {
        self.layers.push(layers::AppLayer::Map(Arc::new(f)));
        self
    }

    /// The largest request body that the extractors (`Json`, `Form`, `ValidJson`,
    /// `Multipart`, `Bytes`, …) read, in bytes (Flask's `MAX_CONTENT_LENGTH`); past it
    /// the answer is `413 Payload Too Large`. Without it, the framework's validated
    /// extractors stop at 1 MiB and axum's own at axum's default (2 MB); setting it
    /// adds a layer, so it costs a little on every request.
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().max_content_length(16 * 1024 * 1024); // uploads up to 16 MiB
    /// ```
    pub fn max_content_length(mut self, bytes: usize) -> Self {
        self.max_content_length = Some(bytes);
        self
    }

    /// Serves the files in `folder` under a URL path named like it, `/static` for
    /// `static` (Flask's `static_folder`), with
    /// `ETag`, `Last-Modified` and `304`s; see [`StaticFiles`](crate::static_files::StaticFiles).
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().static_folder(concat!(env!("CARGO_MANIFEST_DIR"), "/static"));
    /// ```
    pub fn static_folder(mut self, folder: impl Into<std::path::PathBuf>) -> Self {
        let files = crate::static_files::StaticFiles::new(folder);
        self.static_files = Some(
            match self
                .static_files
                .as_ref()
                .and_then(|old| old.url_path_set())
            {
                Some(url_path) => files.url_path(url_path),
                None => files,
            },
        );
        self
    }

    /// Serves the static folder under another URL path than `/static` (Flask's
    /// `static_url_path`); has no effect without [`static_folder`](Self::static_folder).
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().static_folder("assets").static_url_path("/assets");
    /// ```
    pub fn static_url_path(mut self, url_path: &str) -> Self {
        self.static_files = self.static_files.take().map(|s| s.url_path(url_path));
        self
    }

    /// How long browsers may keep static files without asking again (Flask's
    /// `SEND_FILE_MAX_AGE_DEFAULT`); by default they revalidate each time
    /// (`Cache-Control: no-cache`). See [`StaticFiles::max_age`](crate::static_files::StaticFiles::max_age).
    ///
    /// ```
    /// use std::time::Duration;
    /// use framework_core::App;
    ///
    /// let app = App::new().static_folder("static").send_file_max_age(Duration::from_secs(3600));
    /// ```
    pub fn send_file_max_age(mut self, max_age: std::time::Duration) -> Self {
        self.static_max_age = Some(max_age);
        self
    }

    /// The static folder and its URL path, if set.
    pub fn static_files(&self) -> Option<&crate::static_files::StaticFiles> {
        self.static_files.as_ref()
    }

    /// Answers only requests that name one of `hosts` (Flask's `TRUSTED_HOSTS`);
    /// others get a 400 before any hook runs. `example.com` is that name,
    /// `.example.com` it and its subdomains; ports do not matter.
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().trusted_hosts(["example.com", ".example.org"]);
    /// ```
    pub fn trusted_hosts<S: Into<String>>(mut self, hosts: impl IntoIterator<Item = S>) -> Self {
        self.policy.trusted_hosts = Some(crate::pipeline::TrustedHosts::new(hosts));
        self
    }

    /// Whether routes answer `OPTIONS` with their `Allow` by themselves (Flask's
    /// `PROVIDE_AUTOMATIC_OPTIONS`, on by default); off, `OPTIONS` is a 405 unless a
    /// route declares it.
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().provide_automatic_options(false);
    /// ```
    pub fn provide_automatic_options(mut self, provide: bool) -> Self {
        self.automatic_options = provide;
        self
    }

    /// Gives failures of error type `E` a status: `?` on an `E` makes a 500, and
    /// `status` may say otherwise (a database that cannot be reached is a 503). The
    /// error then reaches the handlers for that status, as an HTTP error; `None`
    /// leaves it a 500. A crate that owns such a type registers it when it is
    /// installed (`framework-db` does for `sqlx::Error`).
    ///
    /// ```
    /// use framework_core::prelude::*;
    ///
    /// let app = App::new().error_status(|error: &std::io::Error| {
    ///     (error.kind() == std::io::ErrorKind::TimedOut).then_some(StatusCode::GATEWAY_TIMEOUT)
    /// });
    /// ```
    pub fn error_status<E>(mut self, status: fn(&E) -> Option<http::StatusCode>) -> Self
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        self.policy
            .error_statuses
            .push(std::sync::Arc::new(move |error: &crate::Error| {
                error
                    .source_error()
                    .and_then(|source| source.downcast_ref::<E>())
                    .and_then(status)
            }));
        self
    }

    /// Flask's `TESTING`: a failure that no handler takes (an `Err` from `?`, a panic)
    /// reaches the [`TestClient`](crate::testing::TestClient), which panics with it,
    /// so the test fails where the app did instead of seeing only a 500 page.
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().testing(true);
    /// ```
    pub fn testing(mut self, testing: bool) -> Self {
        self.policy.testing = testing;
        self
    }

    /// The security headers every response gets (see
    /// [`SecurityHeaders`](crate::security::SecurityHeaders) for the defaults); a
    /// response that has one of them already keeps its own.
    ///
    /// ```
    /// use framework_core::App;
    /// use framework_core::security::SecurityHeaders;
    ///
    /// let headers = SecurityHeaders::default().frame_options(Some("SAMEORIGIN")).unwrap();
    /// let app = App::new().security_headers(headers);
    /// ```
    pub fn security_headers(mut self, headers: crate::security::SecurityHeaders) -> Self {
        self.policy.headers = headers;
        self
    }

    /// Believes the `X-Forwarded-For`, `-Proto`, `-Host` and `-Prefix` headers of
    /// these reverse proxies (Werkzeug's `ProxyFix`; `TRUSTED_PROXIES`): the client
    /// address ([`ClientAddr`](crate::extract::ClientAddr)), external URLs and HSTS
    /// then follow what the client sent the proxy. Without it the headers are ignored.
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().trusted_proxies("127.0.0.1, ::1".parse().unwrap());
    /// ```
    pub fn trusted_proxies(mut self, proxies: crate::security::TrustedProxies) -> Self {
        self.policy.proxies = Some(proxies);
        self
    }

    /// The longest path and query string the app answers, in bytes (8 KiB by
    /// default; `MAX_URI_LENGTH`): a longer one is a `414 URI Too Long`, before any
    /// hook runs.
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().max_uri_length(2048);
    /// ```
    pub fn max_uri_length(mut self, bytes: usize) -> Self {
        self.policy.max_uri_length = bytes;
        self
    }

    /// Flask's `DEBUG`: a failure that no error handler takes answers with a page
    /// showing the error, the errors that caused it and the route, instead of the
    /// plain 500 page. [`configure`](Self::configure) turns it on in development
    /// (`DEBUG`, default on there); an app configured for production never shows
    /// the page, whatever this says.
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().debug(true);
    /// ```
    pub fn debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }

    /// One log line per request, at `INFO` (`GET /users/42 200 1.21ms`), as Flask's
    /// development server prints. [`configure`](Self::configure) turns it on in
    /// development and off in production unless `LOG_REQUESTS` says otherwise; off,
    /// nothing is added to the request's path.
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().log_requests(true);
    /// ```
    pub fn log_requests(mut self, log: bool) -> Self {
        self.log_requests = log;
        self
    }

    /// The limits the server enforces when it serves the app (head size and count,
    /// timeouts, connections, shutdown); see [`ServerLimits`](crate::serve::ServerLimits).
    ///
    /// ```
    /// use framework_core::App;
    /// use framework_core::serve::ServerLimits;
    ///
    /// let app = App::new().server_limits(ServerLimits { max_connections: 64, ..Default::default() });
    /// ```
    pub fn server_limits(mut self, limits: crate::serve::ServerLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits the server enforces.
    pub fn limits(&self) -> &crate::serve::ServerLimits {
        &self.limits
    }

    /// The security headers every response gets.
    pub(crate) fn policy_headers(&self) -> crate::security::SecurityHeaders {
        self.policy.headers.clone()
    }

    /// How much form data the framework's form extractors read (Flask's
    /// `MAX_FORM_MEMORY_SIZE` and `MAX_FORM_PARTS`; by default 500 kB and 1,000
    /// fields): a URL-encoded form larger than the size, an upload's text field larger
    /// than it, or a form with more fields is a `413`.
    ///
    /// ```
    /// use framework_core::App;
    /// use framework_core::input::FormLimits;
    ///
    /// let app = App::new().form_limits(FormLimits { max_memory_size: 64 * 1024, max_parts: 50 });
    /// ```
    pub fn form_limits(self, limits: crate::input::FormLimits) -> Self {
        self.extension(limits)
    }

    /// The scheme and host external URLs use (Flask's `SERVER_NAME` and
    /// `PREFERRED_URL_SCHEME`), instead of each request's own; see
    /// [`UrlBase`](crate::url::UrlBase).
    ///
    /// ```
    /// use framework_core::App;
    /// use framework_core::url::UrlBase;
    ///
    /// let app = App::new().server_name(UrlBase::new("https", "example.com"));
    /// ```
    pub fn server_name(mut self, base: crate::url::UrlBase) -> Self {
        self.server_base = Some(base.clone());
        self.extension(crate::url::ServerName(base))
    }

    /// Rate limits for every route with none of its own or of its blueprint
    /// (Flask-Limiter's `default_limits`; the setting `RATE_LIMIT_DEFAULT`). Each
    /// route counts on its own. See [`ratelimit`](crate::ratelimit).
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().default_rate_limit("200/day; 50/hour".parse().unwrap());
    /// ```
    pub fn default_rate_limit(mut self, limits: crate::ratelimit::RateLimits) -> Self {
        self.rate_limits.default = Some(limits);
        self
    }

    /// Where rate-limit counters live (the setting `RATE_LIMIT_STORE`): in the
    /// process by default, or in Redis, shared by every instance.
    ///
    /// ```
    /// use framework_core::App;
    /// use framework_core::ratelimit::RateLimitStore;
    ///
    /// let app = App::new().rate_limit_store(RateLimitStore::memory());
    /// ```
    pub fn rate_limit_store(mut self, store: crate::ratelimit::RateLimitStore) -> Self {
        self.rate_limits.store = store;
        self
    }

    /// `false` turns every rate limit of the app off (the setting
    /// `RATE_LIMIT_ENABLED`; Flask-Limiter's `RATELIMIT_ENABLED`).
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().rate_limiting(false);
    /// ```
    pub fn rate_limiting(mut self, enabled: bool) -> Self {
        self.rate_limits.enabled = enabled;
        self
    }

    /// Every registered route, app routes and blueprints' alike.
    pub fn routes(&self) -> &[crate::routing::RouteDef] {
        &self.items.routes
    }

    /// Builds the axum router: checks for conflicts between routes (naming both
    /// handlers and where they are), then assembles routes, hooks and error handlers.
    pub fn into_router(&self) -> Result<Router, BuildError> {
        self.build_router(true)
    }

    /// `SERVER_NAME` (with `PREFERRED_URL_SCHEME`), if configured: where the test
    /// client's requests go by default.
    pub(crate) fn server_base(&self) -> Option<&crate::url::UrlBase> {
        self.server_base.as_ref()
    }

    /// `APPLICATION_ROOT`, if the app is mounted under a path (`/shop`).
    pub(crate) fn application_root(&self) -> Option<&str> {
        self.policy.application_root.as_deref()
    }

    /// The router without its outermost layer, and that layer: for `App::serve`,
    /// which puts the layer around the router itself.
    pub(crate) fn served_router(&self) -> Result<(Router, crate::security::Outermost), BuildError> {
        Ok((
            self.build_router(false)?,
            crate::security::Outermost::of(&self.policy),
        ))
    }

    fn build_router(&self, outermost: bool) -> Result<Router, BuildError> {
        let static_files = self
            .static_files
            .clone()
            .map(|files| files.max_age(self.static_max_age));
        let blueprint_static: Vec<_> = self
            .blueprint_static
            .iter()
            .map(|(name, files)| (*name, files.clone().max_age(self.static_max_age)))
            .collect();
        let extras = build::Extras {
            max_content_length: self.max_content_length,
            static_files: static_files.as_ref(),
            blueprint_static: &blueprint_static,
            automatic_options: self.automatic_options,
            policy: &self.policy,
            rate_limits: &self.rate_limits,
            debug: self.debug && !self.production,
            log_requests: self.log_requests,
            outermost,
        };
        // `with_state` turns every handler into its route now: a router used as a
        // service as it is (not through `axum::serve`, which does the same) would
        // clone and box each handler on every request.
        build::build(&self.items, &self.blueprints, &self.layers, extras)
            .map(|router| router.with_state(()))
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("routes", &self.items.routes)
            .field("blueprints", &self.blueprints)
            .finish()
    }
}
