//! Counters in Redis, shared by every instance of the app: the same GCRA as in the
//! process, run atomically by a Lua script on Redis's own clock (so the instances'
//! clocks do not matter). The key of a counter is
//! `ratelimit:{endpoint}:{count}/{seconds}:{client}`; it expires when the client is
//! back to a full allowance.

use std::net::IpAddr;
use std::time::Duration;

use fred::prelude::{Builder, Client, ClientLike, Config, LuaInterface, ReconnectPolicy};
use tokio::sync::OnceCell;

use super::RateLimit;
use super::store::InvalidRateLimitStore;

/// How long the first limited request waits for the connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a check may take before the request is counted in the process instead.
const CHECK_TIMEOUT: Duration = Duration::from_millis(500);

/// Checks every limit of a request, and counts it against them only if all allow it.
/// KEYS: one counter per limit. ARGV: per limit, microseconds per request and the
/// period in microseconds. Returns 0 (allowed) or the wait in microseconds.
const GCRA: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local wait = 0
local tats = {}
for i, key in ipairs(KEYS) do
  local emission = tonumber(ARGV[2 * i - 1])
  local period = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', key)) or now
  if tat < now then tat = now end
  local new_tat = tat + emission
  local allow_at = new_tat - period
  if allow_at > now and allow_at - now > wait then wait = allow_at - now end
  tats[i] = new_tat
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, string.format('%d', tats[i]), 'PX', math.ceil((tats[i] - now) / 1000))
end
return 0
"#;

/// A connection to the Redis server `RATE_LIMIT_STORE` names, made on first use.
pub(crate) struct Shared {
    client: Client,
    connected: OnceCell<()>,
}

impl Shared {
    pub(crate) fn new(url: &str) -> Result<Self, InvalidRateLimitStore> {
        let config = Config::from_url(url).map_err(|e| {
            InvalidRateLimitStore(format!(
                "RATE_LIMIT_STORE {url:?} is not a Redis URL (`redis://HOST:PORT[/DB]`): {e}"
            ))
        })?;
        let client = Builder::from_config(config)
            .with_connection_config(|c| {
                c.connection_timeout = CONNECT_TIMEOUT;
                c.internal_command_timeout = CONNECT_TIMEOUT;
            })
            .with_performance_config(|p| p.default_command_timeout = CHECK_TIMEOUT)
            .set_policy(ReconnectPolicy::new_exponential(0, 100, 2_000, 2))
            .build()
            .map_err(|e| InvalidRateLimitStore(format!("RATE_LIMIT_STORE {url:?}: {e}")))?;
        Ok(Shared {
            client,
            connected: OnceCell::new(),
        })
    }

    /// The wait before `client` may send another request to `scope`, or `None` if
    /// every limit allows it now (and it was counted). `Err` when Redis cannot
    /// answer.
    pub(crate) async fn check(
        &self,
        scope: &str,
        client: IpAddr,
        limits: &[RateLimit],
    ) -> Result<Option<Duration>, String> {
        self.connected
            .get_or_init(|| async {
                self.client.connect();
                let _ = tokio::time::timeout(CONNECT_TIMEOUT, self.client.wait_for_connect()).await;
            })
            .await;
        if !self.client.is_connected() {
            return Err("not connected".to_owned());
        }
        let keys: Vec<String> = limits
            .iter()
            .map(|l| format!("ratelimit:{scope}:{}/{}:{client}", l.count(), l.period_secs))
            .collect();
        let args: Vec<i64> = limits
            .iter()
            .flat_map(|l| {
                let period = i64::try_from(l.period().as_micros()).unwrap_or(i64::MAX);
                [period / i64::from(l.count()), period]
            })
            .collect();
        let call = self.client.eval::<i64, _, _, _>(GCRA, keys, args);
        match tokio::time::timeout(CHECK_TIMEOUT, call).await {
            Ok(Ok(0)) => Ok(None),
            Ok(Ok(micros)) => Ok(Some(Duration::from_micros(micros.unsigned_abs()))),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err(format!("no answer within {} ms", CHECK_TIMEOUT.as_millis())),
        }
    }
}
