//! Why sessions could not be set up: each message names the setting.

use std::fmt;

/// A session setting is missing, malformed, or its store cannot be reached.
#[derive(Debug)]
pub enum SetupError {
    /// `SECRET_KEY` is missing or too short in production.
    SecretKey(String),
    /// `SESSION_STORE` is not a store this framework knows.
    StoreUrl(String),
    /// `SESSION_STORE` names a store this build leaves out; the message names the
    /// cargo feature that brings it in.
    StoreNotBuilt(String),
    /// The store named by `SESSION_STORE` cannot be reached or opened.
    StoreUnavailable { store: String, reason: String },
    /// Another session setting is malformed.
    Config(framework_core::config::ConfigError),
    /// Session cookie settings that do not fit together; the message names them.
    Setting(String),
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetupError::SecretKey(message)
            | SetupError::StoreUrl(message)
            | SetupError::StoreNotBuilt(message)
            | SetupError::Setting(message) => f.write_str(message),
            SetupError::StoreUnavailable { store, reason } => {
                write!(f, "SESSION_STORE {store} cannot be reached: {reason}")
            }
            SetupError::Config(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for SetupError {}
