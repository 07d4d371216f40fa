//! The checks `cargo xtask test` runs, in order.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::services::Services;
use crate::tools;

/// Why the run stopped.
pub struct Failure {
    pub step: &'static str,
    pub message: String,
    /// Steps that passed before this one.
    pub passed: usize,
}

/// The workspace root: the parent of this crate's folder.
pub fn workspace_root() -> Result<PathBuf, String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).ok_or_else(|| {
        format!(
            "cannot find the workspace root above {}",
            manifest.display()
        )
    })
}

/// Runs every step; returns how many passed.
pub fn run_all(root: &Path) -> Result<usize, Failure> {
    let mut passed = 0;
    let mut step = |name: &'static str, run: &mut dyn FnMut() -> Result<(), String>| {
        println!("\n==> {name}");
        let started = Instant::now();
        let outcome = run();
        // The time of each step, so a slow run shows where its minutes went.
        println!("<== {name}: {:.0}s", started.elapsed().as_secs_f64());
        match outcome {
            Ok(()) => {
                passed += 1;
                Ok(())
            }
            Err(message) => Err(Failure {
                step: name,
                message,
                passed,
            }),
        }
    };

    step("fmt", &mut || {
        cargo(root, &["fmt", "--all", "--", "--check"])
    })?;
    step("clippy", &mut || {
        cargo(
            root,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;

    // Services live until `services` is dropped, also when a step fails.
    let mut services = Services::new(root);
    step("services", &mut || services.start_needed())?;
    let env = services.env();
    step("tests", &mut || {
        cargo_env(
            root,
            &[
                "test",
                "--workspace",
                "--all-targets",
                "--",
                "--include-ignored",
            ],
            &env,
        )
    })?;
    // The workspace build turns every feature on; the crate's own tests also run
    // with its defaults off, so the code for an app without them is built and tried.
    step("framework-core without default features", &mut || {
        cargo(
            root,
            &[
                "test",
                "-p",
                "framework-core",
                "--no-default-features",
                "--lib",
            ],
        )
    })?;
    step("doc tests", &mut || {
        cargo_env(root, &["test", "--workspace", "--doc"], &env)
    })?;
    drop(services);

    step("new project", &mut || crate::new::check::check(root))?;

    step("book", &mut || crate::book::build(root))?;
    step("policy", &mut || {
        crate::policy::check(root, &crate::metadata::workspace(root)?)?;
        tools::ensure_cargo_deny()?;
        cargo(
            root,
            &["deny", "--offline", "check", "bans", "licenses", "sources"],
        )
    })?;
    step("supply chain", &mut || crate::dist::check::run(root))?;
    Ok(passed)
}

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    cargo_env(root, args, &[])
}

fn cargo_env(root: &Path, args: &[&str], env: &[(String, String)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(root);
    for (key, value) in env {
        command.env(key, value);
    }
    run(&mut command)
}

/// Runs a command with inherited output; an error names the command and its status.
pub fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    println!("$ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} exited with {status}"))
    }
}
