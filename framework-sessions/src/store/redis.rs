//! `redis://HOST:PORT[/DB]`: sessions in Redis, shared by every app instance. The
//! client reconnects by itself when Redis comes back.

use std::time::Duration;

use tower_sessions_redis_store::RedisStore;
use tower_sessions_redis_store::fred::prelude::{ClientLike, Config, Pool, ReconnectPolicy};
use tower_sessions_redis_store::fred::types::Builder;

use crate::error::SetupError;

/// How long startup waits for Redis before saying it cannot be reached.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one command may take before the request gets a 503.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(2);

pub(super) async fn connect(url: &str) -> Result<RedisStore<Pool>, SetupError> {
    let config = Config::from_url(url).map_err(|e| {
        SetupError::StoreUrl(format!(
            "SESSION_STORE {url:?} is not a Redis URL (`redis://HOST:PORT[/DB]`): {e}"
        ))
    })?;
    let unavailable = |reason: String| SetupError::StoreUnavailable {
        store: url.to_owned(),
        reason,
    };
    let pool = Builder::from_config(config)
        .with_connection_config(|c| {
            c.connection_timeout = CONNECT_TIMEOUT;
            c.internal_command_timeout = CONNECT_TIMEOUT;
        })
        .with_performance_config(|p| {
            p.default_command_timeout = COMMAND_TIMEOUT;
        })
        .set_policy(ReconnectPolicy::new_exponential(0, 100, 2_000, 2))
        .build_pool(4)
        .map_err(|e| unavailable(e.to_string()))?;
    pool.connect();
    match tokio::time::timeout(CONNECT_TIMEOUT, pool.wait_for_connect()).await {
        Ok(Ok(())) => Ok(RedisStore::new(pool)),
        Ok(Err(e)) => Err(unavailable(e.to_string())),
        Err(_) => Err(unavailable(format!(
            "no answer within {} s",
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}
