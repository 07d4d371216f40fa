//! Configuration: typed settings from environment variables and an optional TOML file
//! (`CONFIG_FILE`), with the framework's own settings built in. A bad value is an
//! error at startup that names the variable.

mod env;
mod error;
mod extract;

pub use error::ConfigError;

use std::path::PathBuf;
use std::sync::Arc;

use figment::Figment;
use figment::providers::{Format, Toml};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use env::EnvVars;

/// Development (the default: friendly errors, plain-http cookies) or production.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Development,
    Production,
}

/// The app's configuration, Flask's `app.config`.
///
/// Built-in settings, each from the environment variable of that name or from the
/// TOML file named by `CONFIG_FILE` (lower-case keys; the environment wins):
///
/// | setting | default | |
/// |---|---|---|
/// | `SECRET_KEY` | none | signs cookies; required in production (sessions) |
/// | `APP_ENV` | `development` | `development` or `production` |
/// | `HOST` | `127.0.0.1` | where `run` listens |
/// | `PORT` | `5000` | where `run` listens |
///
/// Settings of the app's own come from the same sources through
/// [`settings`](Config::settings).
///
/// ```
/// use framework_core::config::{Config, Mode};
///
/// let config = Config::from_vars([("PORT", "8080"), ("APP_ENV", "production")]).unwrap();
/// assert_eq!(config.port, 8080);
/// assert_eq!(config.mode, Mode::Production);
///
/// let error = Config::from_vars([("PORT", "eighty")]).unwrap_err();
/// assert!(error.to_string().contains("PORT"));
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    /// The key that signs cookies (`SECRET_KEY`).
    pub secret_key: Option<String>,
    /// Development or production (`APP_ENV`).
    pub mode: Mode,
    /// The address `run` listens on (`HOST`).
    pub host: String,
    /// The port `run` listens on (`PORT`).
    pub port: u16,
    /// The TOML file the settings were read from (`CONFIG_FILE`), if any.
    pub config_file: Option<PathBuf>,
    /// Shared, so that a handler taking `Config` copies little.
    figment: Arc<Figment>,
}

/// The built-in settings as figment extracts them.
#[derive(Deserialize)]
struct Builtins {
    secret_key: Option<String>,
    app_env: Option<String>,
    host: Option<String>,
    port: Option<u16>,
}

impl Config {
    /// Reads the process environment (and `CONFIG_FILE`, if set).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(std::env::vars())
    }

    /// Reads configuration from these variables instead of the process environment
    /// (for tests, and for tools that pass settings explicitly).
    pub fn from_vars<K, V>(vars: impl IntoIterator<Item = (K, V)>) -> Result<Self, ConfigError>
    where
        K: Into<String>,
        V: Into<String>,
    {
        let vars = EnvVars::new(vars.into_iter().map(|(k, v)| (k.into(), v.into())));
        let config_file = vars.get("CONFIG_FILE").map(PathBuf::from);
        let mut figment = Figment::new();
        if let Some(path) = &config_file {
            if !path.is_file() {
                return Err(ConfigError::MissingFile { path: path.clone() });
            }
            figment = figment.merge(Toml::file_exact(path));
        }
        let figment = figment.merge(vars);
        let builtins: Builtins = figment.extract()?;
        let mode = match builtins.app_env.as_deref() {
            None | Some("development") => Mode::Development,
            Some("production") => Mode::Production,
            Some(other) => {
                return Err(ConfigError::Mode {
                    value: other.to_owned(),
                });
            }
        };
        Ok(Config {
            secret_key: builtins.secret_key.filter(|k| !k.is_empty()),
            mode,
            host: builtins.host.unwrap_or_else(|| "127.0.0.1".to_owned()),
            port: builtins.port.unwrap_or(5000),
            config_file,
            figment: Arc::new(figment),
        })
    }

    /// The app's own settings, typed: each field from the environment variable of its
    /// upper-case name, else from the TOML file, else the field's serde default.
    ///
    /// ```
    /// use framework_core::config::Config;
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// struct Settings {
    ///     database: String,
    ///     #[serde(default)]
    ///     pool_size: u32,
    /// }
    ///
    /// let config = Config::from_vars([("DATABASE", "app.sqlite"), ("POOL_SIZE", "4")]).unwrap();
    /// let settings: Settings = config.settings().unwrap();
    /// assert_eq!((settings.database.as_str(), settings.pool_size), ("app.sqlite", 4));
    ///
    /// let bad = Config::from_vars([("DATABASE", "x"), ("POOL_SIZE", "many")]).unwrap();
    /// let error = bad.settings::<Settings>().err().unwrap();
    /// assert!(error.to_string().contains("POOL_SIZE"));
    /// ```
    pub fn settings<T: DeserializeOwned>(&self) -> Result<T, ConfigError> {
        Ok(self.figment.extract()?)
    }

    /// Whether `APP_ENV` is `production`.
    pub fn is_production(&self) -> bool {
        self.mode == Mode::Production
    }

    /// `HOST:PORT`.
    pub fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secret_key: None,
            mode: Mode::Development,
            host: "127.0.0.1".to_owned(),
            port: 5000,
            config_file: None,
            figment: Arc::new(Figment::new()),
        }
    }
}
