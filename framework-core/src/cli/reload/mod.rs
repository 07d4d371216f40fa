//! `run --reload`, like `flask run --reload`: this process keeps the listening
//! socket, watches the sources, rebuilds the app on a change, and restarts it with
//! the socket inherited. Connections that arrive during a rebuild wait in the
//! socket's queue instead of being refused; a build that fails is reported and the
//! running app keeps serving.

mod child;
mod defaults;
mod watch;

use std::ffi::OsString;
use std::future::Future;
use std::net::TcpListener;
use std::path::PathBuf;

use std::process::Command;

use super::CommandError;

/// Supervises an app under `run --reload`: starts it on an inherited socket, and on
/// each change to the watched folders runs the build and restarts it.
///
/// [`Cli`](super::Cli)'s `run --reload` sets it up for the running binary (watching
/// the crate's `src/` and `templates/`, building with `cargo build`); the builder is
/// public for other layouts and build commands.
///
/// ```no_run
/// use framework_core::cli::Reloader;
///
/// # async fn demo() -> Result<(), framework_core::cli::CommandError> {
/// let listener = std::net::TcpListener::bind("127.0.0.1:5000")?;
/// Reloader::new(listener)
///     .watch("src")
///     .build_command(["cargo", "build", "--bin", "app"])
///     .app_command(["target/debug/app", "run"])
///     .run(framework_core::serve::shutdown_signal())
///     .await?;
/// # Ok(()) }
/// ```
pub struct Reloader {
    listener: TcpListener,
    folders: Vec<PathBuf>,
    build: Vec<OsString>,
    app: Vec<OsString>,
}

impl Reloader {
    /// A reloader that hands `listener` to each app it starts.
    pub fn new(listener: TcpListener) -> Self {
        Self {
            listener,
            folders: Vec::new(),
            build: Vec::new(),
            app: Vec::new(),
        }
    }

    /// Also watches `folder` and everything under it.
    pub fn watch(mut self, folder: impl Into<PathBuf>) -> Self {
        self.folders.push(folder.into());
        self
    }

    /// The command that rebuilds the app (program, then arguments); it runs in the
    /// current directory with the output shown. Exit status 0 means a new app is
    /// ready.
    pub fn build_command<S: Into<OsString>>(
        mut self,
        command: impl IntoIterator<Item = S>,
    ) -> Self {
        self.build = command.into_iter().map(Into::into).collect();
        self
    }

    /// The command that starts the app (program, then arguments); it finds the
    /// socket through `LISTEN_FDS`, as [`Cli`](super::Cli)'s `run` does.
    pub fn app_command<S: Into<OsString>>(mut self, command: impl IntoIterator<Item = S>) -> Self {
        self.app = command.into_iter().map(Into::into).collect();
        self
    }

    /// Starts the app, then rebuilds and restarts it on every change until `shutdown`
    /// completes; the app is then stopped (SIGTERM) and waited for.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> Result<(), CommandError> {
        if self.folders.is_empty() {
            return Err("`run --reload` has no folder to watch".into());
        }
        if self.build.is_empty() || self.app.is_empty() {
            return Err("`run --reload` needs a build command and an app command".into());
        }
        let (changes_tx, mut changes) = tokio::sync::mpsc::unbounded_channel();
        let changes_again = changes_tx.clone();
        let _watcher = watch::watch(&self.folders, changes_tx)
            .map_err(|error| format!("cannot watch {:?}: {error}", self.folders))?;
        if let Ok(address) = self.listener.local_addr() {
            tracing::info!(
                "reloading on changes to {}; serving on http://{address}",
                listed(&self.folders)
            );
        }
        let mut running = Some(self.start()?);
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                status = child::exited(&mut running) => {
                    running = None;
                    match status {
                        Ok(status) => tracing::error!("the app exited ({status}); it restarts after the next change"),
                        Err(error) => tracing::error!(%error, "lost the app's process; it restarts after the next change"),
                    }
                }
                paths = changes.recv() => {
                    let Some(mut paths) = paths else { break };
                    while let Ok(more) = changes.try_recv() {
                        paths.extend(more);
                    }
                    paths.sort();
                    paths.dedup();
                    tracing::info!("changed: {}; rebuilding", listed(&paths));
                    let started = std::time::SystemTime::now();
                    let built = tokio::select! {
                        () = &mut shutdown => break,
                        built = self.build() => built,
                    };
                    // The tail of the same save can arrive during the build; only a
                    // file written since the build started needs another one.
                    let mut later = Vec::new();
                    while let Ok(more) = changes.try_recv() {
                        later.extend(more.into_iter().filter(|path| written_since(path, started)));
                    }
                    if !later.is_empty() {
                        let _ = changes_again.send(later);
                    }
                    match built {
                        Ok(()) => {
                            if let Some(old) = running.take() {
                                child::stop(old).await?;
                            }
                            running = Some(self.start()?);
                        }
                        Err(error) => tracing::error!("{error}; the running app keeps serving until the next change"),
                    }
                }
            }
        }
        if let Some(app) = running.take() {
            child::stop(app).await?;
        }
        Ok(())
    }

    fn start(&self) -> Result<child::Running, CommandError> {
        child::start(&self.app, &self.listener)
            .map_err(|error| format!("cannot start the app ({}): {error}", shown(&self.app)).into())
    }

    async fn build(&self) -> Result<(), String> {
        let Some((program, args)) = self.build.split_first() else {
            return Err("no build command".to_owned());
        };
        let mut command = Command::new(program);
        command.args(args);
        let cannot = |error: std::io::Error| {
            format!("cannot run the build ({}): {error}", shown(&self.build))
        };
        // Dropped (on shutdown during the build), it kills the build.
        let mut build = child::Running::spawn(command).map_err(cannot)?;
        let status = build.wait().await.map_err(cannot)?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("the build failed ({status})"))
        }
    }
}

fn shown<T: AsRef<std::ffi::OsStr>>(items: &[T]) -> String {
    items
        .iter()
        .map(|item| item.as_ref().to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

fn listed(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|path| path.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `path` was modified (or removed) at or after `since`.
fn written_since(path: &std::path::Path, since: std::time::SystemTime) -> bool {
    match std::fs::metadata(path).and_then(|meta| meta.modified()) {
        Ok(modified) => modified >= since,
        Err(_) => true,
    }
}
