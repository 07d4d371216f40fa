//! Watching the app's sources: a notify watcher whose events are gathered into one
//! message per burst of changes (an editor's save, `git checkout`).
//!
//! The gathering is a thread of its own rather than notify's debouncer crates: those
//! pull a temporary-file crate (and rustix) into every app's build for their tests.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::mpsc::UnboundedSender;

/// How long the watcher waits for a burst of writes to end before it reports.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// The running watcher; watching stops when it is dropped (and the thread gathering
/// its events ends with it).
pub(super) type Watcher = RecommendedWatcher;

/// Watches `folders` (recursively) and sends the changed paths on `changes`.
pub(super) fn watch(
    folders: &[PathBuf],
    changes: UnboundedSender<Vec<PathBuf>>,
) -> Result<Watcher, notify::Error> {
    let (events, gathered) = mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(move |result: notify::Result<Event>| match result {
            Ok(event) if is_change(&event.kind) => {
                for path in event.paths {
                    let _ = events.send(path);
                }
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "watching the sources failed"),
        })?;
    for folder in folders {
        watcher.watch(folder, RecursiveMode::Recursive)?;
    }
    std::thread::Builder::new()
        .name("reload-watch".into())
        .spawn(move || gather(&gathered, &changes))
        .map_err(notify::Error::io)?;
    Ok(watcher)
}

/// Sends each burst of paths once no more has come for [`DEBOUNCE`]; returns when
/// the watcher is gone or nobody listens any more.
fn gather(events: &mpsc::Receiver<PathBuf>, changes: &UnboundedSender<Vec<PathBuf>>) {
    while let Ok(first) = events.recv() {
        let mut burst = vec![first];
        loop {
            match events.recv_timeout(DEBOUNCE) {
                Ok(path) => burst.push(path),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        burst.retain(|path| !is_editor_scratch(path));
        if !burst.is_empty() && changes.send(burst).is_err() {
            return;
        }
    }
}

/// A file made, written, renamed or removed; not one only opened or read (the build
/// itself reads every source).
fn is_change(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_))
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

    #[test]
    fn reading_a_source_is_not_a_change() {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }

    /// Gathers one burst of three events, the watcher going away `after` they are
    /// sent; what was sent on.
    fn gathered_after(after: Duration) -> Vec<Vec<PathBuf>> {
        let (events, gathered) = mpsc::channel();
        let (changes, mut received) = tokio::sync::mpsc::unbounded_channel();
        let gatherer = std::thread::spawn(move || gather(&gathered, &changes));
        for path in ["src/main.rs", "src/.main.rs.swp", "templates/index.html"] {
            events.send(PathBuf::from(path)).unwrap();
        }
        std::thread::sleep(after);
        drop(events);
        gatherer.join().unwrap();
        std::iter::from_fn(|| received.try_recv().ok()).collect()
    }

    #[test]
    fn a_burst_of_events_is_one_message() {
        // The watcher went away mid-burst: nothing half-gathered is sent.
        assert!(gathered_after(Duration::ZERO).is_empty());
        assert_eq!(
            gathered_after(DEBOUNCE * 3),
            [[
                PathBuf::from("src/main.rs"),
                PathBuf::from("templates/index.html")
            ]]
        );
    }
}
