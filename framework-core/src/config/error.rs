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
    /// A value has the wrong type or the file does not parse (figment's message names
    /// the variable or the file and line).
    Invalid(Box<figment::Error>),
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
            ConfigError::Setting(message) => f.write_str(message),
            ConfigError::Invalid(error) => {
                let mut first = true;
                for e in (**error).clone() {
                    if !first {
                        writeln!(f)?;
                    }
                    first = false;
                    write!(f, "configuration error: {e}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<figment::Error> for ConfigError {
    fn from(error: figment::Error) -> Self {
        ConfigError::Invalid(Box::new(error))
    }
}
