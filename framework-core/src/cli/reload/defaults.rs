//! What `run --reload` watches and runs for the binary it is started from: the
//! crate's `src/` and `templates/`, `cargo build` of the same binary and profile,
//! and the binary itself with `run`.

use std::path::{Path, PathBuf};

use super::Reloader;
use crate::cli::CommandError;

impl Reloader {
    /// A reloader for the running binary: the crate is `CARGO_MANIFEST_DIR` (set by
    /// `cargo run`) or else the current directory; it watches the crate's `src/` and
    /// (if there is one) `templates/`, rebuilds with `cargo build --bin NAME` (with
    /// `--release` for a release binary) and starts `NAME run`.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), framework_core::cli::CommandError> {
    /// let listener = std::net::TcpListener::bind("127.0.0.1:5000")?;
    /// framework_core::cli::Reloader::for_current_binary(listener)?
    ///     .run(framework_core::serve::shutdown_signal())
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn for_current_binary(listener: std::net::TcpListener) -> Result<Self, CommandError> {
        let exe = std::env::current_exe()
            .map_err(|error| format!("`run --reload` cannot find its own binary: {error}"))?;
        let crate_dir = match std::env::var_os("CARGO_MANIFEST_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => std::env::current_dir()?,
        };
        let manifest = crate_dir.join("Cargo.toml");
        if !manifest.is_file() || !crate_dir.join("src").is_dir() {
            return Err(format!(
                "`run --reload` watches the crate's src/ folder, and {} has no Cargo.toml and src/: start it with `cargo run -- run --reload`, or from the crate's folder",
                crate_dir.display()
            )
            .into());
        }
        let name = exe
            .file_stem()
            .ok_or("`run --reload` cannot tell its binary's name")?
            .to_owned();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut build = vec![
            cargo,
            "build".into(),
            "--manifest-path".into(),
            manifest.into_os_string(),
            "--bin".into(),
            name,
        ];
        if is_release(&exe) {
            build.push("--release".into());
        }
        let mut reloader = Reloader::new(listener)
            .watch(crate_dir.join("src"))
            .build_command(build)
            .app_command([exe.into_os_string(), "run".into()]);
        let templates = crate_dir.join("templates");
        if templates.is_dir() {
            reloader = reloader.watch(templates);
        }
        Ok(reloader)
    }
}

/// Whether the binary is in cargo's `release` output folder (`target/release/NAME`).
fn is_release(exe: &Path) -> bool {
    exe.parent()
        .and_then(Path::file_name)
        .is_some_and(|folder| folder == "release")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_binary_is_rebuilt_as_release() {
        assert!(is_release(Path::new("/app/target/release/flaskr")));
        assert!(!is_release(Path::new("/app/target/debug/flaskr")));
    }
}
