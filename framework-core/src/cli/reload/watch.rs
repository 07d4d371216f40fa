//! Watching the app's sources: a debounced notify watcher that sends one message per
//! burst of changes (an editor's save, `git checkout`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_mini::notify::{self, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use tokio::sync::mpsc::UnboundedSender;

/// How long the watcher waits for a burst of writes to end before it reports.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// The running watcher; watching stops when it is dropped.
pub(super) type Watcher = Debouncer<notify::RecommendedWatcher>;

/// Watches `folders` (recursively) and sends the changed paths on `changes`.
pub(super) fn watch(
    folders: &[PathBuf],
    changes: UnboundedSender<Vec<PathBuf>>,
) -> Result<Watcher, notify::Error> {
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| match result {
        Ok(events) => {
            let paths: Vec<PathBuf> = events
                .into_iter()
                .map(|event| event.path)
                .filter(|path| !is_editor_scratch(path))
                .collect();
            if !paths.is_empty() {
                let _ = changes.send(paths);
            }
        }
        Err(error) => tracing::warn!(%error, "watching the sources failed"),
    })?;
    for folder in folders {
        debouncer
            .watcher()
            .watch(folder, RecursiveMode::Recursive)?;
    }
    Ok(debouncer)
}

/// Files editors write beside the one being edited (`.main.rs.swp`, `main.rs~`,
/// `4913`-style probes are hidden or backups): not a change of the sources.
fn is_editor_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_not_changes() {
        assert!(is_editor_scratch(Path::new("src/.main.rs.swp")));
        assert!(is_editor_scratch(Path::new("src/main.rs~")));
        assert!(!is_editor_scratch(Path::new("src/main.rs")));
        assert!(!is_editor_scratch(Path::new("templates/index.html")));
    }
}
