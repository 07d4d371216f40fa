//! A figment provider over a set of environment variables, so configuration can be
//! loaded from the process environment or, in tests, from a plain list.

use figment::value::{Dict, Map, Value};
use figment::{Error, Metadata, Profile, Provider};

/// Environment variables as configuration: `PORT=8080` is the key `port` with the
/// value `8080` (parsed: numbers, booleans and strings). Errors name the variable.
pub(crate) struct EnvVars(Vec<(String, String)>);

impl EnvVars {
    pub(crate) fn new(vars: impl IntoIterator<Item = (String, String)>) -> Self {
        Self(
            vars.into_iter()
                .filter(|(name, _)| !name.is_empty() && !name.contains('.'))
                .collect(),
        )
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Provider for EnvVars {
    fn metadata(&self) -> Metadata {
        Metadata::named("environment variable")
            .interpolater(|_profile, keys| keys.join(".").to_uppercase())
    }

    fn data(&self) -> Result<Map<Profile, Dict>, Error> {
        let mut dict = Dict::new();
        for (name, value) in &self.0 {
            let parsed: Value = value.parse().unwrap_or_else(|_| Value::from(value.clone()));
            dict.insert(name.to_lowercase(), parsed);
        }
        Ok(Profile::Default.collect(dict))
    }
}
