//! What the server allows a client: how large and how slow a request head may be, how
//! long a request may take, how many connections are open at once, and how long a
//! shutdown waits for requests in flight.

use std::num::NonZeroUsize;
use std::time::Duration;

use serde::Deserialize;

use crate::config::{Config, ConfigError};

/// The limits [`App::serve`](crate::App::serve) enforces, each a setting read by
/// [`App::configure`](crate::App::configure) (defaults in brackets):
///
/// - `MAX_HEADER_SIZE` [16384]: bytes of the request head (request line and header
///   fields); a larger head is answered `431`.
/// - `MAX_HEADER_COUNT` [100]: header fields; more are answered `431`.
/// - `REQUEST_HEADER_TIMEOUT` [10 seconds]: how long a client may take to send a
///   request head, and how long a keep-alive connection may sit idle before its next
///   one; then the connection is closed.
/// - `REQUEST_TIMEOUT` [60 seconds]: how long the app may take to answer once the
///   head is in (reading the body included); then the answer is a `503`.
/// - `MAX_CONNECTIONS` [1024]: connections served at once; more wait in the
///   listen queue until one closes.
/// - `KEEP_ALIVE` [true]: whether a connection may carry several requests.
/// - `CANCEL_ON_CLIENT_CLOSE` [false]: whether a request is dropped, unanswered,
///   when its client closes its side of the connection before the answer. Off, a
///   client may close its sending side once its request is sent (HTTP/1.1's
///   half-close) and still get its answer, and the server reads nothing more from
///   a connection while its request is being answered. On, the server looks for
///   the close with a read while each request is answered, which costs a new read
///   buffer (8 KiB) a request.
/// - `SHUTDOWN_TIMEOUT` [30 seconds]: how long a shutdown waits for requests in
///   flight before closing their connections.
/// - `SERVER_THREADS` [the CPU cores the process may run on]: the threads that
///   [`App::run`](crate::App::run) and the command line's `run` serve from, each
///   with a single-threaded runtime of its own. [`App::serve`](crate::App::serve)
///   runs on the runtime it is called from, and does not read it.
///
/// A timeout of `0` turns it off. `MAX_URI_LENGTH` (a `414`) is checked by the app
/// itself, so it applies however the app is served.
///
/// ```
/// use std::time::Duration;
/// use framework_core::App;
/// use framework_core::serve::ServerLimits;
///
/// let limits = ServerLimits {
///     request_timeout: Some(Duration::from_secs(5)),
///     max_connections: 256,
///     ..ServerLimits::default()
/// };
/// let app = App::new().server_limits(limits);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerLimits {
    /// `MAX_HEADER_SIZE`: bytes of the request head.
    pub max_header_size: usize,
    /// `MAX_HEADER_COUNT`: header fields of a request.
    pub max_header_count: usize,
    /// `REQUEST_HEADER_TIMEOUT`: to receive a request head, or between requests.
    pub header_timeout: Option<Duration>,
    /// `REQUEST_TIMEOUT`: from the head received to the response's head.
    pub request_timeout: Option<Duration>,
    /// `MAX_CONNECTIONS`: connections served at once.
    pub max_connections: usize,
    /// `KEEP_ALIVE`: several requests per connection.
    pub keep_alive: bool,
    /// `CANCEL_ON_CLIENT_CLOSE`: a request whose client closes is dropped.
    pub cancel_on_client_close: bool,
    /// `SHUTDOWN_TIMEOUT`: how long a shutdown waits for requests in flight.
    pub shutdown_timeout: Duration,
    /// `SERVER_THREADS`: threads serving requests; `None` is one per CPU core.
    pub threads: Option<NonZeroUsize>,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            max_header_size: 16 * 1024,
            max_header_count: 100,
            header_timeout: Some(Duration::from_secs(10)),
            request_timeout: Some(Duration::from_secs(60)),
            max_connections: 1024,
            keep_alive: true,
            cancel_on_client_close: false,
            shutdown_timeout: Duration::from_secs(30),
            threads: None,
        }
    }
}

#[derive(Deserialize)]
struct Settings {
    max_header_size: Option<usize>,
    max_header_count: Option<usize>,
    request_header_timeout: Option<f64>,
    request_timeout: Option<f64>,
    max_connections: Option<usize>,
    keep_alive: Option<bool>,
    cancel_on_client_close: Option<bool>,
    shutdown_timeout: Option<f64>,
    server_threads: Option<usize>,
}

impl ServerLimits {
    /// These limits with the settings of `config` applied.
    pub(crate) fn configure(mut self, config: &Config) -> Result<Self, ConfigError> {
        let settings: Settings = config.settings()?;
        if let Some(size) = settings.max_header_size {
            // hyper reads a head into a buffer of at least 8 KiB; a smaller limit
            // would still be enforced, but a head that small is no real limit.
            if size < 1024 {
                return Err(invalid("MAX_HEADER_SIZE", "at least 1024 (bytes)", size));
            }
            self.max_header_size = size;
        }
        if let Some(count) = settings.max_header_count {
            if count == 0 {
                return Err(invalid("MAX_HEADER_COUNT", "at least 1", count));
            }
            self.max_header_count = count;
        }
        if let Some(seconds) = settings.request_header_timeout {
            self.header_timeout = seconds_or_off("REQUEST_HEADER_TIMEOUT", seconds)?;
        }
        if let Some(seconds) = settings.request_timeout {
            self.request_timeout = seconds_or_off("REQUEST_TIMEOUT", seconds)?;
        }
        if let Some(count) = settings.max_connections {
            if count == 0 {
                return Err(invalid("MAX_CONNECTIONS", "at least 1", count));
            }
            self.max_connections = count;
        }
        if let Some(keep_alive) = settings.keep_alive {
            self.keep_alive = keep_alive;
        }
        if let Some(cancel) = settings.cancel_on_client_close {
            self.cancel_on_client_close = cancel;
        }
        if let Some(seconds) = settings.shutdown_timeout {
            self.shutdown_timeout =
                seconds_or_off("SHUTDOWN_TIMEOUT", seconds)?.unwrap_or(Duration::ZERO);
        }
        if let Some(threads) = settings.server_threads {
            match NonZeroUsize::new(threads) {
                Some(threads) if threads.get() <= MAX_THREADS => self.threads = Some(threads),
                _ => {
                    return Err(invalid(
                        "SERVER_THREADS",
                        &format!("from 1 to {MAX_THREADS}"),
                        threads,
                    ));
                }
            }
        }
        Ok(self)
    }
}

/// More threads than this is a typing mistake, not a machine.
const MAX_THREADS: usize = 1024;

fn invalid(setting: &str, expected: &str, got: impl std::fmt::Display) -> ConfigError {
    ConfigError::Setting(format!("{setting} must be {expected}, got {got}"))
}

/// Seconds as a duration; `0` is none.
fn seconds_or_off(setting: &str, seconds: f64) -> Result<Option<Duration>, ConfigError> {
    if !(0.0..=86_400.0).contains(&seconds) {
        return Err(invalid(
            setting,
            "a number of seconds from 0 (off) to 86400",
            seconds,
        ));
    }
    Ok((seconds > 0.0).then(|| Duration::from_secs_f64(seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_apply_and_bad_values_name_the_setting() {
        let config = Config::from_vars([
            ("MAX_HEADER_SIZE", "8192"),
            ("REQUEST_TIMEOUT", "0.5"),
            ("REQUEST_HEADER_TIMEOUT", "0"),
            ("MAX_CONNECTIONS", "3"),
            ("KEEP_ALIVE", "false"),
            ("CANCEL_ON_CLIENT_CLOSE", "true"),
            ("SERVER_THREADS", "3"),
        ])
        .unwrap();
        let limits = ServerLimits::default().configure(&config).unwrap();
        assert_eq!(limits.max_header_size, 8192);
        assert_eq!(limits.request_timeout, Some(Duration::from_millis(500)));
        assert_eq!(limits.header_timeout, None);
        assert_eq!(limits.max_connections, 3);
        assert!(!limits.keep_alive);
        assert!(limits.cancel_on_client_close);
        assert_eq!(limits.max_header_count, 100);
        assert_eq!(limits.threads, NonZeroUsize::new(3));

        for (setting, value) in [
            ("MAX_HEADER_SIZE", "10"),
            ("MAX_CONNECTIONS", "0"),
            ("SERVER_THREADS", "0"),
            ("SERVER_THREADS", "many"),
            ("SHUTDOWN_TIMEOUT", "-1"),
            ("REQUEST_TIMEOUT", "soon"),
            ("CANCEL_ON_CLIENT_CLOSE", "sometimes"),
        ] {
            let config = Config::from_vars([(setting, value)]).unwrap();
            let error = ServerLimits::default().configure(&config).unwrap_err();
            assert!(error.to_string().contains(setting), "{setting}: {error}");
        }
    }
}
