//! Paths for a new project: where it goes, and how its `Cargo.toml` reaches the
//! framework's checkout.

use std::path::{Component, Path, PathBuf};

/// `path` (absolute) without `.` and `..`, with symbolic links resolved as far as
/// the folders exist, so that it compares with a canonical path.
pub fn resolve(path: &Path) -> PathBuf {
    let mut lexical = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return lexical,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    resolved
}

/// The path from the folder `from` to `to`, both absolute and resolved, written
/// with `/` as `Cargo.toml` paths are: `../framework`.
pub fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let rel = |a: &str, b: &str| relative(Path::new(a), Path::new(b));
        assert_eq!(rel("/work/notes", "/work/framework"), "../framework");
        assert_eq!(
            rel("/tmp/a/b", "/work/framework"),
            "../../../work/framework"
        );
        assert_eq!(rel("/work/framework/x", "/work/framework"), "..");
    }

    #[test]
    fn dots_are_resolved() {
        let root = std::env::temp_dir().canonicalize().unwrap();
        let path = root.join("a/../b/./c");
        assert_eq!(resolve(&path), root.join("b/c"));
    }
}
