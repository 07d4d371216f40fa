//! One route's limiter: its limits' counters per client address, in the process
//! (governor's keyed GCRA) and, with a Redis store, in Redis first.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::extract::ConnectInfo;
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};

use super::{RateLimit, RateLimitStore, RateLimits};
use crate::Error;

/// After this many checks, counters of clients that are back to a full allowance are
/// dropped, so the table does not grow with every address ever seen.
const SWEEP_EVERY: u32 = 4096;

/// The limiter of one route.
pub(crate) struct RouteLimiter {
    /// The route's endpoint (`auth.login`): each route counts on its own.
    scope: String,
    limits: RateLimits,
    /// One keyed GCRA per limit, in the order of `limits`.
    memory: Box<[DefaultKeyedRateLimiter<IpAddr>]>,
    store: RateLimitStore,
    checks: AtomicU32,
}

impl RouteLimiter {
    pub(crate) fn new(scope: String, limits: RateLimits, store: RateLimitStore) -> Self {
        let memory = limits.limits().iter().map(|l| keyed(*l)).collect();
        RouteLimiter {
            scope,
            limits,
            memory,
            store,
            checks: AtomicU32::new(0),
        }
    }

    /// `Ok` when every limit allows the request; else the `429` to raise.
    pub(crate) async fn check(&self, head: &Parts) -> Result<(), Error> {
        if !self.limits.counts(&head.method) {
            return Ok(());
        }
        let client = client_of(head);
        let wait = match self.shared_wait(client).await {
            Some(wait) => wait,
            None => self.memory_wait(client),
        };
        match wait {
            None => Ok(()),
            Some(wait) => Err(too_many(wait)),
        }
    }

    /// The wait Redis says, or `None` without Redis or when it cannot be reached
    /// (logged; the counters in the process take over).
    #[cfg(feature = "redis")]
    async fn shared_wait(&self, client: IpAddr) -> Option<Option<Duration>> {
        let shared = self.store.shared.as_ref()?;
        match shared
            .check(&self.scope, client, self.limits.limits())
            .await
        {
            Ok(wait) => Some(wait),
            Err(reason) => {
                tracing::warn!(
                    route = %self.scope,
                    %reason,
                    "rate limit store unavailable: counting in this process until it is back"
                );
                None
            }
        }
    }

    #[cfg(not(feature = "redis"))]
    async fn shared_wait(&self, _client: IpAddr) -> Option<Option<Duration>> {
        let _ = (&self.store, &self.scope);
        None
    }

    /// The longest wait any limit asks for, counting the request against each.
    fn memory_wait(&self, client: IpAddr) -> Option<Duration> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            for limiter in &self.memory {
                limiter.retain_recent();
            }
        }
        self.memory
            .iter()
            .filter_map(|limiter| {
                limiter
                    .check_key(&client)
                    .err()
                    .map(|not_until| not_until.wait_time_from(limiter.clock().now()))
            })
            .max()
    }
}

/// A GCRA allowing `count` at once, then one every `period / count`.
fn keyed(limit: RateLimit) -> DefaultKeyedRateLimiter<IpAddr> {
    let count = NonZeroU32::new(limit.count()).unwrap_or(NonZeroU32::MIN);
    let every = limit.period() / count.get();
    let quota = Quota::with_period(every.max(Duration::from_nanos(1)))
        .unwrap_or_else(|| Quota::per_second(count))
        .allow_burst(count);
    RateLimiter::keyed(quota)
}

/// The client as `ClientAddr` sees it (after `TRUSTED_PROXIES`); requests that
/// came without a peer address (a router called directly) share one counter.
fn client_of(head: &Parts) -> IpAddr {
    head.extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip())
}

/// `429 Too Many Requests`, with `Retry-After` in whole seconds (at least 1).
#[cold]
fn too_many(wait: Duration) -> Error {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let seconds = seconds.max(1);
    let unit = if seconds == 1 { "second" } else { "seconds" };
    Error::from_status(StatusCode::TOO_MANY_REQUESTS)
        .with_message(format!(
            "Too many requests; please try again in {seconds} {unit}."
        ))
        .with_header(header::RETRY_AFTER, HeaderValue::from(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(method: http::Method, client: &str) -> Parts {
        let mut request = http::Request::builder()
            .method(method)
            .uri("/login")
            .body(())
            .unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(client.parse::<SocketAddr>().unwrap()));
        request.into_parts().0
    }

    #[tokio::test]
    async fn a_burst_then_a_wait_per_client() {
        let limits: RateLimits = "3/minute".parse().unwrap();
        let limiter = RouteLimiter::new("login".into(), limits, RateLimitStore::memory());
        let alice = head(http::Method::POST, "192.0.2.1:1000");
        for _ in 0..3 {
            limiter.check(&alice).await.unwrap();
        }
        let error = limiter.check(&alice).await.unwrap_err();
        assert_eq!(error.status(), StatusCode::TOO_MANY_REQUESTS);
        // 3 a minute: one more every 20 seconds.
        let response = error.default_response();
        assert_eq!(response.headers()["retry-after"], "20");
        // Another address has its own allowance.
        limiter
            .check(&head(http::Method::POST, "192.0.2.2:1000"))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn only_the_methods_named_count() {
        let limits = "1/hour".parse::<RateLimits>().unwrap().only(&["POST"]);
        let limiter = RouteLimiter::new("login".into(), limits, RateLimitStore::memory());
        for _ in 0..5 {
            limiter
                .check(&head(http::Method::GET, "192.0.2.1:1"))
                .await
                .unwrap();
        }
        limiter
            .check(&head(http::Method::POST, "192.0.2.1:1"))
            .await
            .unwrap();
        assert!(
            limiter
                .check(&head(http::Method::POST, "192.0.2.1:1"))
                .await
                .is_err()
        );
    }

    #[test]
    fn retry_after_rounds_up() {
        let error = too_many(Duration::from_millis(11_200));
        assert_eq!(error.default_response().headers()["retry-after"], "12");
        let error = too_many(Duration::from_millis(3));
        assert_eq!(error.default_response().headers()["retry-after"], "1");
    }
}
