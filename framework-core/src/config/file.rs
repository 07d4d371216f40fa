//! The TOML file `CONFIG_FILE` names.

use std::path::{Path, PathBuf};

use super::ConfigError;

/// A parsed configuration file: its top-level keys are settings.
#[derive(Clone)]
pub(crate) struct ConfigFile {
    pub(crate) path: PathBuf,
    pub(crate) table: toml::Table,
}

impl ConfigFile {
    /// Reads and parses `path`; a file that is missing, unreadable or not TOML is an
    /// error naming it (and, for TOML, the line and column).
    pub(crate) fn read(path: &Path) -> Result<Self, ConfigError> {
        if !path.is_file() {
            return Err(ConfigError::MissingFile {
                path: path.to_owned(),
            });
        }
        let file_error = |message: String| ConfigError::File {
            path: path.to_owned(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| file_error(e.to_string()))?;
        let table = text
            .parse::<toml::Table>()
            .map_err(|e| file_error(e.to_string().trim_end().to_owned()))?;
        Ok(ConfigFile {
            path: path.to_owned(),
            table,
        })
    }
}

/// Keys only: values may be secrets.
impl std::fmt::Debug for ConfigFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfigFile")
            .field("path", &self.path)
            .field("keys", &self.table.keys().collect::<Vec<_>>())
            .finish()
    }
}
