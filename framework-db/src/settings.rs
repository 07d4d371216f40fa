//! The database settings, read through framework-core's `Config` (environment
//! variables or `CONFIG_FILE`), checked once at startup.

use std::time::Duration;

use framework_core::config::Config;
use serde::Deserialize;

use crate::error::SetupError;

/// Where the data lives in development when `DATABASE_URL` is not set.
pub const DEVELOPMENT_URL: &str = "sqlite://instance/app.sqlite";

/// The database settings, each from the environment variable of that name (or the
/// lower-case key of `CONFIG_FILE`):
///
/// | setting | default | |
/// |---|---|---|
/// | `DATABASE_URL` | `sqlite://instance/app.sqlite` in development | `sqlite://…` or `postgres://…`; required in production unless the app gives a default |
/// | `DATABASE_POOL_SIZE` | `10` | most connections open at once |
/// | `DATABASE_ACQUIRE_TIMEOUT` | `5` | seconds a request waits for a connection before a 503 |
/// | `DATABASE_IDLE_TIMEOUT` | `600` | seconds an unused connection stays open |
/// | `DATABASE_STATEMENT_CACHE` | `100` | prepared statements kept per connection (0: none) |
/// | `DATABASE_MIGRATE` | `false` | run the migrations at startup |
///
/// ```
/// use framework_core::config::Config;
/// use framework_db::DbSettings;
///
/// let config = Config::from_vars([("DATABASE_POOL_SIZE", "4")]).unwrap();
/// let settings = DbSettings::from_config(&config, None).unwrap();
/// assert_eq!(settings.url, "sqlite://instance/app.sqlite");
/// assert_eq!(settings.pool_size, 4);
///
/// let bad = Config::from_vars([("DATABASE_POOL_SIZE", "0")]).unwrap();
/// let error = DbSettings::from_config(&bad, None).unwrap_err();
/// assert!(error.to_string().starts_with("DATABASE_POOL_SIZE"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DbSettings {
    /// `DATABASE_URL`, or the default.
    pub url: String,
    /// `DATABASE_POOL_SIZE`.
    pub pool_size: u32,
    /// `DATABASE_ACQUIRE_TIMEOUT`.
    pub acquire_timeout: Duration,
    /// `DATABASE_IDLE_TIMEOUT`.
    pub idle_timeout: Duration,
    /// `DATABASE_STATEMENT_CACHE`.
    pub statement_cache: usize,
    /// `DATABASE_MIGRATE`.
    pub migrate: bool,
}

/// The settings as the configuration reads them: type errors name the variable.
#[derive(Deserialize)]
struct Raw {
    database_url: Option<String>,
    database_pool_size: Option<u32>,
    database_acquire_timeout: Option<f64>,
    database_idle_timeout: Option<f64>,
    database_statement_cache: Option<usize>,
    database_migrate: Option<bool>,
}

impl DbSettings {
    /// Reads the settings from `config`. `default_url` is used when `DATABASE_URL`
    /// is unset (an app's own setting, such as flaskr's `FLASKR_DATABASE`); without
    /// one, development uses [`DEVELOPMENT_URL`] and production is an error.
    pub fn from_config(config: &Config, default_url: Option<String>) -> Result<Self, SetupError> {
        let raw: Raw = config.settings()?;
        let url = match raw.database_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => url,
            None => match default_url {
                Some(url) => url,
                None if config.is_production() => {
                    return Err(SetupError::setting(
                        "DATABASE_URL",
                        "is not set, and production needs it (e.g. postgres://app@db.internal/app)",
                    ));
                }
                None => DEVELOPMENT_URL.to_owned(),
            },
        };
        let pool_size = raw.database_pool_size.unwrap_or(10);
        if pool_size == 0 {
            return Err(SetupError::setting(
                "DATABASE_POOL_SIZE",
                "must be at least 1",
            ));
        }
        Ok(DbSettings {
            url,
            pool_size,
            acquire_timeout: seconds(
                "DATABASE_ACQUIRE_TIMEOUT",
                raw.database_acquire_timeout,
                5.0,
            )?,
            idle_timeout: seconds("DATABASE_IDLE_TIMEOUT", raw.database_idle_timeout, 600.0)?,
            statement_cache: raw.database_statement_cache.unwrap_or(100),
            migrate: raw.database_migrate.unwrap_or(false),
        })
    }

    /// Settings for `url` with every other setting at its default (for tests and
    /// tools).
    ///
    /// ```
    /// let settings = framework_db::DbSettings::for_url("sqlite://instance/test.sqlite");
    /// assert_eq!(settings.pool_size, 10);
    /// ```
    pub fn for_url(url: impl Into<String>) -> Self {
        DbSettings {
            url: url.into(),
            pool_size: 10,
            acquire_timeout: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(600),
            statement_cache: 100,
            migrate: false,
        }
    }
}

/// A positive number of seconds, or the default.
fn seconds(name: &'static str, value: Option<f64>, default: f64) -> Result<Duration, SetupError> {
    let value = value.unwrap_or(default);
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            SetupError::setting(
                name,
                format!("must be a positive number of seconds, got {value}"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<DbSettings, SetupError> {
        let config = Config::from_vars(vars.iter().copied()).unwrap();
        DbSettings::from_config(&config, None)
    }

    #[test]
    fn defaults_in_development() {
        let s = settings(&[]).unwrap();
        assert_eq!(s, DbSettings::for_url(DEVELOPMENT_URL));
    }

    #[test]
    fn production_needs_a_url() {
        let error = settings(&[("APP_ENV", "production")]).unwrap_err();
        assert!(
            error.to_string().starts_with("DATABASE_URL is not set"),
            "{error}"
        );
        let s = settings(&[
            ("APP_ENV", "production"),
            ("DATABASE_URL", "postgres://db/app"),
        ])
        .unwrap();
        assert_eq!(s.url, "postgres://db/app");
    }

    #[test]
    fn the_app_default_comes_after_database_url() {
        let config = Config::from_vars([("DATABASE_URL", "postgres://db/app")]).unwrap();
        let s = DbSettings::from_config(&config, Some("sqlite://flaskr.sqlite".into())).unwrap();
        assert_eq!(s.url, "postgres://db/app");
        let config = Config::from_vars([("APP_ENV", "production")]).unwrap();
        let s = DbSettings::from_config(&config, Some("sqlite://flaskr.sqlite".into())).unwrap();
        assert_eq!(s.url, "sqlite://flaskr.sqlite");
    }

    #[test]
    fn bad_values_name_the_setting() {
        for (name, value) in [
            ("DATABASE_POOL_SIZE", "many"),
            ("DATABASE_POOL_SIZE", "0"),
            ("DATABASE_ACQUIRE_TIMEOUT", "-1"),
            ("DATABASE_IDLE_TIMEOUT", "soon"),
            ("DATABASE_STATEMENT_CACHE", "-3"),
            ("DATABASE_MIGRATE", "perhaps"),
        ] {
            let error = settings(&[(name, value)]).unwrap_err().to_string();
            assert!(error.contains(name), "{name}={value}: {error}");
        }
    }

    #[test]
    fn timeouts_may_be_fractions() {
        let s = settings(&[("DATABASE_ACQUIRE_TIMEOUT", "0.25")]).unwrap();
        assert_eq!(s.acquire_timeout, Duration::from_millis(250));
    }
}
