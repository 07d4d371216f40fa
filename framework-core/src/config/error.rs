//! Why configuration could not be loaded: each message names the setting.

use std::fmt;
use std::path::PathBuf;

/// A configuration problem found at startup. Its message names the environment
/// variable or file and says what was expected.
#[derive(Debug)]
pub enum ConfigError {
    /// `APP_ENV` is neither `development` nor `production`.
    Mode { value: String },
    /// `CONFIG_FILE` names a file that does not exist.
    MissingFile { path: PathBuf },
    /// The `CONFIG_FILE` cannot be read or is not TOML (the message gives the line
    /// and column).
    File { path: PathBuf, message: String },
    /// A setting the app's settings require (a field without a default) is in
    /// neither the environment nor the file.
    Missing { key: String },
    /// A setting's value has the wrong type: `setting` is the variable, or the key
    /// and the file.
    Invalid { setting: String, message: String },
    /// A setting's value is not one the framework accepts; the message names it.
    Setting(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Mode { value } => write!(
                f,
                "APP_ENV must be \"development\" or \"production\", got {value:?}"
            ),
            ConfigError::MissingFile { path } => write!(
                f,
                "CONFIG_FILE names {}, which does not exist",
                path.display()
            ),
            ConfigError::File { path, message } => write!(
                f,
                "configuration error: CONFIG_FILE {}: {message}",
                path.display()
            ),
            ConfigError::Missing { key } => write!(
                f,
                "configuration error: {} is not set (an environment variable, or `{key}` in the CONFIG_FILE)",
                key.to_ascii_uppercase()
            ),
            ConfigError::Invalid { setting, message } => {
                write!(f, "configuration error: {setting}: {message}")
            }
            ConfigError::Setting(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ConfigError {}
