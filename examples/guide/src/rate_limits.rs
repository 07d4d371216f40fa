//! Chapter "Security": rate limits on a route, a blueprint and the whole app.

// ANCHOR: routes
use framework_core::config::{Config, ConfigError};
use framework_core::prelude::*;

/// Five login attempts a minute per client; showing the form (GET) is not counted.
#[route("/login", methods = [GET, POST], rate_limit("5/minute", methods = [POST]))]
pub async fn login() -> &'static str {
    "the login form, or a login"
}

/// Several limits at once: each must allow the request.
#[get("/search", rate_limit = "10/minute; 100/day")]
pub async fn search() -> &'static str {
    "results"
}

/// Every route of the blueprint gets 100 a minute (each counted on its own),
/// unless it has a limit of its own.
#[blueprint(prefix = "/api", rate_limit = "100/minute")]
pub mod api {
    use framework_core::prelude::*;

    #[get("/posts")]
    pub async fn posts() -> &'static str {
        "[]"
    }
}

/// Over a limit: the app's own page. `Retry-After` is added to it.
#[errorhandler(429)]
pub async fn too_many() -> (StatusCode, Html<&'static str>) {
    (
        StatusCode::TOO_MANY_REQUESTS,
        Html("<h1>Slow down</h1><p>Too many requests; please wait a moment.</p>"),
    )
}

/// `RATE_LIMIT_DEFAULT` limits every other route; `RATE_LIMIT_STORE` chooses where
/// the counters live.
pub fn app(config: &Config) -> Result<App, ConfigError> {
    App::new()
        .register(routes![login, search, too_many])
        .blueprint(api::blueprint())
        .configure(config)
}
// ANCHOR_END: routes

// ANCHOR: code
use framework_core::ratelimit::RateLimitStore;

/// The default and the store chosen in code instead of settings.
pub fn in_code() -> App {
    App::new()
        .register(routes![login, search, too_many])
        .default_rate_limit("200/day; 50/hour".parse().expect("a valid limit"))
        .rate_limit_store(RateLimitStore::memory())
}
// ANCHOR_END: code
