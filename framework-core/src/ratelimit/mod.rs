//! Rate limiting, opt-in per route, blueprint or app (Flask-Limiter's model), keyed
//! by the client's address as [`ClientAddr`](crate::extract::ClientAddr) sees it
//! (so behind a proxy named in `TRUSTED_PROXIES`, the address the proxy reports).
//!
//! - `#[route("/login", methods = [GET, POST], rate_limit("5/minute", methods = [POST]))]`
//!   or `rate_limit = "5/minute"` (every method): a limit of the route's own; checked
//!   when the app is built.
//! - `#[blueprint(prefix = "/api", rate_limit = "100/minute")]`: every route of the
//!   blueprint (and of blueprints nested in it) without a limit of its own.
//! - [`App::default_rate_limit`](crate::App::default_rate_limit) or the setting
//!   `RATE_LIMIT_DEFAULT`: every other route.
//!
//! Each route counts on its own: ten routes under a blueprint limit of `100/minute`
//! each allow a client 100 requests a minute. A request over a limit is a `429 Too
//! Many Requests` error with `Retry-After` (seconds), raised before the
//! `before_request` hooks and handled like any other error, so an
//! `#[errorhandler(429)]` gives it the app's page.
//!
//! Limits are a GCRA (the generic cell rate algorithm of [`governor`]): `5/minute`
//! allows a burst of 5, then one more every 12 seconds. Counters live in the process
//! by default; with `RATE_LIMIT_STORE=redis://HOST:PORT[/DB]` (the `redis` feature)
//! they live in Redis, so every instance of the app enforces one limit. When Redis
//! cannot be reached, each instance falls back to its own counters and logs a
//! warning: the limit stays on, N instances allow N times as much, and no request
//! fails because of the limiter.

mod limiter;
#[cfg(feature = "redis")]
mod redis;
mod settings;
pub(crate) mod spec;
mod store;

use std::borrow::Cow;
use std::num::NonZeroU32;
use std::time::Duration;

pub(crate) use limiter::RouteLimiter;
pub(crate) use settings::AppLimits;
pub use store::{InvalidRateLimitStore, RateLimitStore};

/// One limit: so many requests per period, per client address.
///
/// ```
/// use std::time::Duration;
/// use framework_core::ratelimit::RateLimit;
///
/// let limit = RateLimit::new(5, 60);
/// assert_eq!(limit.count(), 5);
/// assert_eq!(limit.period(), Duration::from_secs(60));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RateLimit {
    count: NonZeroU32,
    period_secs: u64,
}

impl RateLimit {
    /// `count` requests per `period_secs` seconds.
    ///
    /// # Panics
    /// If either is 0 (at compile time when called in a constant).
    pub const fn new(count: u32, period_secs: u64) -> Self {
        let Some(count) = NonZeroU32::new(count) else {
            panic!("a rate limit's count must be at least 1");
        };
        assert!(
            period_secs > 0,
            "a rate limit's period must be at least 1 s"
        );
        RateLimit { count, period_secs }
    }

    /// How many requests a period allows.
    pub fn count(&self) -> u32 {
        self.count.get()
    }

    /// The period.
    pub fn period(&self) -> Duration {
        Duration::from_secs(self.period_secs)
    }
}

impl std::fmt::Display for RateLimit {
    /// As Flask-Limiter writes it: `5 per 1 minute`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, unit) = match self.period_secs {
            s if s % 86_400 == 0 => (s / 86_400, "day"),
            s if s % 3_600 == 0 => (s / 3_600, "hour"),
            s if s % 60 == 0 => (s / 60, "minute"),
            s => (s, "second"),
        };
        let plural = if n == 1 { "" } else { "s" };
        write!(f, "{} per {n} {unit}{plural}", self.count)
    }
}

/// The limits of a route, blueprint or app: one or more [`RateLimit`]s (all must
/// allow the request), on every method or only some.
///
/// ```
/// use framework_core::App;
/// use framework_core::ratelimit::RateLimits;
///
/// let limits: RateLimits = "100/minute; 1000/day".parse().unwrap();
/// assert_eq!(limits.limits().len(), 2);
/// let app = App::new().default_rate_limit(limits);
///
/// let error = "5/fortnight".parse::<RateLimits>().unwrap_err();
/// assert!(error.to_string().contains("unknown unit `fortnight`"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimits {
    limits: Cow<'static, [RateLimit]>,
    /// Upper-case methods the limits count; empty for every method.
    methods: Cow<'static, [&'static str]>,
}

impl RateLimits {
    /// These limits, on every method.
    pub fn new(limits: impl Into<Vec<RateLimit>>) -> Self {
        RateLimits {
            limits: Cow::Owned(limits.into()),
            methods: Cow::Borrowed(&[]),
        }
    }

    /// What `rate_limit = "…"` generates: limits and methods the macro checked.
    #[doc(hidden)]
    pub const fn from_static(
        limits: &'static [RateLimit],
        methods: &'static [&'static str],
    ) -> Self {
        RateLimits {
            limits: Cow::Borrowed(limits),
            methods: Cow::Borrowed(methods),
        }
    }

    /// Counts only requests of these methods (upper case, e.g. `["POST"]`); a `GET`
    /// limit also counts `HEAD`.
    pub fn only(mut self, methods: &'static [&'static str]) -> Self {
        self.methods = Cow::Borrowed(methods);
        self
    }

    /// The limits, each of which must allow a request.
    pub fn limits(&self) -> &[RateLimit] {
        &self.limits
    }

    /// The methods counted; empty for all.
    pub fn methods(&self) -> &[&'static str] {
        &self.methods
    }

    /// Whether a request of `method` counts.
    pub(crate) fn counts(&self, method: &http::Method) -> bool {
        if self.methods.is_empty() {
            return true;
        }
        let method = if method == http::Method::HEAD {
            "GET"
        } else {
            method.as_str()
        };
        self.methods.contains(&method)
    }
}

impl std::str::FromStr for RateLimits {
    type Err = InvalidRateLimit;

    /// Flask-Limiter's notation: `5/minute`, `5 per minute`, `10/5 minutes`,
    /// several joined by `;`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let parsed = spec::parse(text).map_err(|e| InvalidRateLimit(e.message))?;
        Ok(RateLimits::new(
            parsed
                .into_iter()
                .map(|p| RateLimit::new(p.count, p.period_secs))
                .collect::<Vec<_>>(),
        ))
    }
}

/// A rate limit that does not parse, with what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidRateLimit(String);

impl std::fmt::Display for InvalidRateLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidRateLimit {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_print_as_flask_limiter_does() {
        assert_eq!(RateLimit::new(5, 60).to_string(), "5 per 1 minute");
        assert_eq!(
            RateLimit::new(100, 2 * 86_400).to_string(),
            "100 per 2 days"
        );
        assert_eq!(RateLimit::new(3, 90).to_string(), "3 per 90 seconds");
    }

    #[test]
    fn methods_filter_and_head_counts_as_get() {
        let limits = "5/minute".parse::<RateLimits>().unwrap().only(&["GET"]);
        assert!(limits.counts(&http::Method::GET));
        assert!(limits.counts(&http::Method::HEAD));
        assert!(!limits.counts(&http::Method::POST));
        let all = "5/minute".parse::<RateLimits>().unwrap();
        assert!(all.counts(&http::Method::DELETE));
    }
}
