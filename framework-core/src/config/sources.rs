//! Where settings come from, and which source a setting was found in: the
//! environment first, then the file.

use super::env::EnvVars;
#[cfg(feature = "toml")]
use super::file::ConfigFile;

/// The environment over the optional file.
#[derive(Clone, Debug)]
pub(crate) struct Sources {
    pub(crate) env: EnvVars,
    #[cfg(feature = "toml")]
    pub(crate) file: Option<ConfigFile>,
}

/// A setting's value and where it came from.
pub(crate) enum Found<'a> {
    Env {
        name: &'a str,
        value: &'a str,
    },
    #[cfg(feature = "toml")]
    File {
        key: &'a str,
        value: &'a toml::Value,
        file: &'a ConfigFile,
    },
}

impl Sources {
    pub(crate) fn empty() -> Self {
        Sources {
            env: EnvVars::new([]),
            #[cfg(feature = "toml")]
            file: None,
        }
    }

    /// The value of the setting `key` (a lower-case field name).
    pub(crate) fn find<'a>(&'a self, key: &str) -> Option<Found<'a>> {
        if let Some((name, value)) = self.env.for_key(key) {
            return Some(Found::Env { name, value });
        }
        #[cfg(feature = "toml")]
        if let Some(file) = &self.file
            && let Some((key, value)) = file.table.get_key_value(key)
        {
            return Some(Found::File { key, value, file });
        }
        None
    }

    /// Every setting either source has, each once.
    pub(crate) fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.env.keys().collect();
        #[cfg(feature = "toml")]
        if let Some(file) = &self.file {
            keys.extend(file.table.keys().cloned());
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

impl Found<'_> {
    /// The setting as a message names it: `PORT (environment variable)` or
    /// `` `port` in app.toml ``.
    pub(crate) fn describe(&self) -> String {
        match self {
            Found::Env { name, .. } => format!("{name} (environment variable)"),
            #[cfg(feature = "toml")]
            Found::File { key, file, .. } => format!("`{key}` in {}", file.path.display()),
        }
    }
}
