//! `RATE_LIMIT_STORE`: where the counters live, `memory` (each process its own) or
//! `redis://HOST:PORT[/DB]` (every instance shares them).

use std::sync::Arc;

/// Where rate-limit counters are kept.
///
/// ```
/// use framework_core::App;
/// use framework_core::ratelimit::RateLimitStore;
///
/// let app = App::new().rate_limit_store(RateLimitStore::memory());
/// assert!("memcached://cache:11211".parse::<RateLimitStore>().is_err());
/// ```
///
/// With the `redis` feature, `"redis://127.0.0.1:6379".parse::<RateLimitStore>()`
/// names a Redis server; the connection is made when the first limited request
/// arrives, so the app starts even while Redis is down (see the
/// [module docs](super) for what happens then).
#[derive(Clone, Default)]
pub struct RateLimitStore {
    /// `None`: in the process.
    #[cfg(feature = "redis")]
    pub(crate) shared: Option<Arc<super::redis::Shared>>,
    #[cfg(not(feature = "redis"))]
    pub(crate) shared: Option<Arc<std::convert::Infallible>>,
}

impl RateLimitStore {
    /// Counters in this process (the default).
    pub fn memory() -> Self {
        RateLimitStore::default()
    }

    /// Whether the counters are shared through Redis.
    pub fn is_shared(&self) -> bool {
        self.shared.is_some()
    }
}

impl std::fmt::Debug for RateLimitStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_shared() { "redis" } else { "memory" })
    }
}

impl std::str::FromStr for RateLimitStore {
    type Err = InvalidRateLimitStore;

    /// `memory` or `redis://HOST:PORT[/DB]`.
    fn from_str(url: &str) -> Result<Self, Self::Err> {
        let url = url.trim();
        if url.is_empty() || url == "memory" || url == "memory://" {
            return Ok(RateLimitStore::memory());
        }
        if url.starts_with("redis://") || url.starts_with("rediss://") {
            return redis_store(url);
        }
        Err(InvalidRateLimitStore(format!(
            "RATE_LIMIT_STORE must be `memory` or `redis://HOST:PORT[/DB]`, got {url:?}"
        )))
    }
}

#[cfg(feature = "redis")]
fn redis_store(url: &str) -> Result<RateLimitStore, InvalidRateLimitStore> {
    Ok(RateLimitStore {
        shared: Some(Arc::new(super::redis::Shared::new(url)?)),
    })
}

#[cfg(not(feature = "redis"))]
fn redis_store(url: &str) -> Result<RateLimitStore, InvalidRateLimitStore> {
    Err(InvalidRateLimitStore(format!(
        "RATE_LIMIT_STORE is {url:?}, but this build has no Redis support: enable framework-core's `redis` feature (`framework-core = {{ features = [\"redis\"] }}`)"
    )))
}

/// A `RATE_LIMIT_STORE` value that names no store this build can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidRateLimitStore(pub(crate) String);

impl std::fmt::Display for InvalidRateLimitStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidRateLimitStore {}
