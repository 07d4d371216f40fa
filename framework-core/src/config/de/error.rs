//! The error settings deserialize with, before it becomes a [`ConfigError`].

use std::fmt;

use super::super::ConfigError;

/// What went wrong, and as soon as it is known, which setting it was.
#[derive(Debug)]
pub(crate) enum DeError {
    /// Raised by a value's `Deserialize`, before its setting is known.
    Message(String),
    /// A required setting (a field name) has no value.
    Missing(String),
    /// A setting's value did not fit.
    At { setting: String, message: String },
}

impl DeError {
    /// This error, raised within the value of `setting`.
    pub(crate) fn within(self, setting: impl FnOnce() -> String) -> Self {
        match self {
            DeError::Message(message) => DeError::At {
                setting: setting(),
                message,
            },
            DeError::Missing(field) => DeError::At {
                setting: setting(),
                message: format!("missing field `{field}`"),
            },
            at @ DeError::At { .. } => at,
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeError::Message(message) => f.write_str(message),
            DeError::Missing(field) => write!(f, "missing field `{field}`"),
            DeError::At { setting, message } => write!(f, "{setting}: {message}"),
        }
    }
}

impl std::error::Error for DeError {}

impl serde::de::Error for DeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        DeError::Message(message.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::Missing(field.to_owned())
    }
}

impl From<DeError> for ConfigError {
    fn from(error: DeError) -> Self {
        match error {
            DeError::Message(message) => ConfigError::Invalid {
                setting: "settings".to_owned(),
                message,
            },
            DeError::Missing(field) => ConfigError::Missing { key: field },
            DeError::At { setting, message } => ConfigError::Invalid { setting, message },
        }
    }
}
