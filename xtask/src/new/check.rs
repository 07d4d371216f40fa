//! The `new project` step of `cargo xtask test`: writes a new project into a
//! temporary folder, then runs its tests and its command line as a user would.
//!
//! The project builds into the workspace's `target/` (`CARGO_TARGET_DIR`) from a
//! fixed folder, so later runs rebuild only the app itself.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use super::{Request, create};

/// The package name of the checked project; no workspace member is named so, so its
/// binary does not replace one of theirs in `target/debug`.
const NAME: &str = "xtask-first-hour";

/// Creates the project, then `cargo test` and `cargo run -- routes` in it; fails if
/// either fails, prints a warning, or the routes lack the blueprint's form.
pub fn check(root: &Path) -> Result<(), String> {
    let started = Instant::now();
    let folder = std::env::temp_dir().join("xtask-new").join(NAME);
    if folder.exists() {
        std::fs::remove_dir_all(&folder)
            .map_err(|e| format!("cannot empty {}: {e}", folder.display()))?;
    }
    let request = Request {
        path: folder.clone(),
        name: NAME.to_owned(),
    };
    let project = create(root, &request)?;
    let target = root.join("target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());

    let tests = Command::new(&cargo)
        .args(["test"])
        .current_dir(&project)
        .env("CARGO_TARGET_DIR", &target)
        .stdout(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo test in {}: {e}", project.display()))?;
    let stderr = String::from_utf8_lossy(&tests.stderr);
    eprint!("{stderr}");
    if !tests.status.success() {
        return Err(format!(
            "`cargo test` in the new project {} exited with {}",
            project.display(),
            tests.status
        ));
    }
    if let Some(warning) = stderr.lines().find(|line| line.starts_with("warning")) {
        return Err(format!(
            "the new project {} builds with a warning: {warning}",
            project.display()
        ));
    }

    let routes = Command::new(&cargo)
        .args(["run", "--quiet", "--", "routes"])
        .current_dir(&project)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .map_err(|e| format!("cannot start cargo run in {}: {e}", project.display()))?;
    let table = String::from_utf8_lossy(&routes.stdout);
    print!("{table}");
    if !routes.status.success() || !table.contains("/notes/add") {
        return Err(format!(
            "`cargo run -- routes` in {} exited with {} and did not list /notes/add: {}",
            project.display(),
            routes.status,
            String::from_utf8_lossy(&routes.stderr)
        ));
    }
    println!(
        "new project: created, tested and run in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    std::fs::remove_dir_all(&folder)
        .map_err(|e| format!("cannot remove {}: {e}", folder.display()))?;
    Ok(())
}
