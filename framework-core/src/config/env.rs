//! Environment variables as settings: a field `port` is the variable `PORT`.

/// A set of environment variables: the process environment, or in tests a plain
/// list. Later entries win over earlier ones of the same name.
#[derive(Clone)]
pub(crate) struct EnvVars(Vec<(String, String)>);

impl EnvVars {
    pub(crate) fn new(vars: impl IntoIterator<Item = (String, String)>) -> Self {
        Self(
            vars.into_iter()
                .filter(|(name, _)| !name.is_empty())
                .collect(),
        )
    }

    /// The variable of exactly this name.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The variable for the setting `key`: its upper-case name, else a variable that
    /// differs from it only in case. Returns the variable's name and value.
    pub(crate) fn for_key(&self, key: &str) -> Option<(&str, &str)> {
        let upper = key.to_ascii_uppercase();
        let exact = self.0.iter().rev().find(|(n, _)| *n == upper);
        exact
            .or_else(|| {
                self.0
                    .iter()
                    .rev()
                    .find(|(n, _)| n.eq_ignore_ascii_case(key))
            })
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Every variable, as the lower-case key it is the setting of.
    pub(crate) fn keys(&self) -> impl Iterator<Item = String> + '_ {
        self.0.iter().map(|(n, _)| n.to_ascii_lowercase())
    }
}

/// Names only: values may be secrets.
impl std::fmt::Debug for EnvVars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(n, _)| n))
            .finish()
    }
}
