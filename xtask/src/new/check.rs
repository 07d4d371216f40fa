//! The `new project` step of `cargo xtask test`: writes a new project into a
//! temporary folder, then runs its tests and its command line as a user would; then
//! puts the quickstart's app (`examples/hello`) in its place and tests that too, so
//! the quickstart builds as a crate of a user's with the `Cargo.toml` it shows.
//!
//! The project builds into the workspace's `target/` (`CARGO_TARGET_DIR`) from a
//! folder that stays the same for a checkout, so later runs rebuild only the app.

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
    let folder = std::env::temp_dir()
        .join(format!("xtask-new-{:016x}", checkout_id(root)))
        .join(NAME);
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

    cargo_test(&cargo, &project, &target, "the new project")?;

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

    for file in ["src/main.rs", "src/tests.rs"] {
        let from = root.join("examples/hello").join(file);
        std::fs::copy(&from, project.join(file))
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    }
    cargo_test(&cargo, &project, &target, "the quickstart's app")?;

    println!(
        "new project: created, tested and run, then the quickstart's app tested, in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    std::fs::remove_dir_all(&folder)
        .map_err(|e| format!("cannot remove {}: {e}", folder.display()))?;
    Ok(())
}

/// A number for this checkout, so that checkouts on one machine testing at the same
/// time use folders of their own, while each keeps its folder from run to run.
fn checkout_id(root: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut hasher);
    hasher.finish()
}

/// `cargo test` in `project`; fails if it fails or prints a warning.
fn cargo_test(cargo: &str, project: &Path, target: &Path, what: &str) -> Result<(), String> {
    let tests = Command::new(cargo)
        .args(["test"])
        .current_dir(project)
        .env("CARGO_TARGET_DIR", target)
        .stdout(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo test in {}: {e}", project.display()))?;
    let stderr = String::from_utf8_lossy(&tests.stderr);
    eprint!("{stderr}");
    if !tests.status.success() {
        return Err(format!(
            "`cargo test` of {what} in {} exited with {}",
            project.display(),
            tests.status
        ));
    }
    match stderr.lines().find(|line| line.starts_with("warning")) {
        Some(warning) => Err(format!(
            "{what} in {} builds with a warning: {warning}",
            project.display()
        )),
        None => Ok(()),
    }
}
