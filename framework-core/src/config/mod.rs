//! Configuration: typed settings from environment variables and an optional TOML file
//! (`CONFIG_FILE`), with the framework's own settings built in. A bad value is an
//! error at startup that names the variable.

mod de;
mod env;
mod error;
mod extract;
#[cfg(feature = "toml")]
mod file;
mod sources;

pub use error::ConfigError;

use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use de::SettingsDeserializer;
use env::EnvVars;
#[cfg(feature = "toml")]
use file::ConfigFile;
use sources::Sources;

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
/// TOML file named by `CONFIG_FILE` (lower-case keys; the environment wins; files
/// are read with the default `toml` feature, and without it `CONFIG_FILE` is an
/// error):
///
/// | setting | default | |
/// |---|---|---|
/// | `SECRET_KEY` | none | signs cookies; required in production (sessions) |
/// | `APP_ENV` | `development` | `development` or `production` |
/// | `HOST` | `127.0.0.1` | where `run` listens |
/// | `PORT` | `5000` | where `run` listens |
///
/// Settings of the app's own come from the same sources through
/// [`settings`](Config::settings). A variable's text is read as the type its
/// setting has: `PORT=8080` is a number, `SECRET_KEY=12345` stays a string,
/// `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`) a boolean, and a list is
/// comma-separated.
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
#[derive(Clone)]
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
    sources: Arc<Sources>,
}

/// The built-in settings.
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
        let env = EnvVars::new(vars.into_iter().map(|(k, v)| (k.into(), v.into())));
        let config_file = env.get("CONFIG_FILE").map(PathBuf::from);
        #[cfg(feature = "toml")]
        let sources = Sources {
            file: config_file.as_deref().map(ConfigFile::read).transpose()?,
            env,
        };
        #[cfg(not(feature = "toml"))]
        let sources = match &config_file {
            None => Sources { env },
            Some(path) => {
                return Err(ConfigError::Setting(format!(
                    "CONFIG_FILE is set ({}), but this app is built without framework-core's \
                 `toml` feature, which reads it: turn the feature on, or unset CONFIG_FILE",
                    path.display()
                )));
            }
        };
        let builtins: Builtins = Deserialize::deserialize(SettingsDeserializer(&sources))?;
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
            sources: Arc::new(sources),
        })
    }

    /// The app's own settings, typed: each field from the environment variable of its
    /// upper-case name, else from the TOML file's key of the field's name, else the
    /// field's serde default. A field may be a table of the file (a struct of its
    /// own); the environment sets top-level settings only.
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
        Ok(T::deserialize(SettingsDeserializer(&self.sources))?)
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
            sources: Arc::new(Sources::empty()),
        }
    }
}

/// The secret key is shown as set or not, never its value.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("secret_key", &self.secret_key.as_ref().map(|_| "<set>"))
            .field("mode", &self.mode)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("config_file", &self.config_file)
            .field("sources", &self.sources)
            .finish()
    }
}

/// Without the `toml` feature the file is refused by name, not ignored; with it,
/// the file is read (tests/integration/config.rs).
#[cfg(all(test, not(feature = "toml")))]
mod tests {
    use super::Config;

    #[test]
    fn a_config_file_without_the_toml_feature_is_refused_naming_both() {
        let error = Config::from_vars([("CONFIG_FILE", "app.toml"), ("PORT", "8080")])
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("CONFIG_FILE is set (app.toml)") && error.contains("`toml` feature"),
            "{error}"
        );
        assert_eq!(Config::from_vars([("PORT", "8080")]).unwrap().port, 8080);
    }
}
