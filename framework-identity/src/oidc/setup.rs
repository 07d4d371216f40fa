//! A provider configured wrongly: found when the app is built, not at sign-in.

use std::fmt;

/// What is wrong with the sign-in configuration; the message names the provider
/// and the setting.
///
/// ```
/// use framework_identity::oidc::{Oidc, Provider};
///
/// let error = Oidc::builder()
///     .provider(Provider::discover("company", "not a url").client("id", "secret"))
///     .build()
///     .unwrap_err();
/// assert!(error.to_string().contains("provider `company`"));
/// ```
#[derive(Debug)]
pub struct SetupError(String);

impl SetupError {
    /// An error with this message (for apps that read their own sign-in settings).
    pub fn new(message: impl Into<String>) -> Self {
        SetupError(message.into())
    }
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sign-in configuration: {}", self.0)
    }
}

impl std::error::Error for SetupError {}
