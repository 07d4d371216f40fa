//! `cargo xtask buildtime`: how long an app of many routes takes to build on this
//! framework, against the same app hand-written on axum.
//!
//! It writes both apps (`gen_ours.rs`, `gen_axum.rs`) under `target/buildtime/`, each
//! a workspace of its own with its own target folder and the checkout's `Cargo.lock`,
//! so both build the same versions of the crates they share, offline. Then, for each
//! profile, ours and axum in turn:
//!
//! - **clean**: `cargo clean --profile P`, then `cargo build`: every dependency too;
//! - **clean, deps built**: `cargo clean -p APP`, then `cargo build`: only the app's
//!   own crate, what a developer waits for after a change of features or toolchain;
//! - **incremental**: one string literal in one handler changed, then `cargo build`
//!   (the least of `--runs` rounds, default 2).
//!
//! The clean builds run with `--timings`; `report.rs` reads cargo's report for the
//! app crate's own time and the crates that took longest.

mod gen_axum;
mod gen_ours;
mod report;
mod spec;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use report::{Measure, Row, Timings};
use spec::{REVISION, Spec};

/// What one invocation does.
struct Options {
    spec: Spec,
    profiles: Vec<Profile>,
    runs: usize,
    generate_only: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    Debug,
    Release,
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }

    /// Cargo's name for it, for `--profile`.
    fn cargo(self) -> &'static str {
        match self {
            Profile::Debug => "dev",
            Profile::Release => "release",
        }
    }
}

/// One generated app.
struct Generated {
    name: &'static str,
    dir: PathBuf,
}

const USAGE: &str = "usage: cargo xtask buildtime [--routes N] [--blueprints B] \
                     [--profile debug|release|both] [--runs R] [--generate-only]";

/// `cargo xtask buildtime ...`.
pub fn buildtime(root: &Path, args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let out = root.join("target").join("buildtime");
    let lock = root.join("Cargo.lock");
    let ours = write_app(
        &out.join("ours"),
        gen_ours::NAME,
        &gen_ours::files(&options.spec, root),
        &lock,
    )?;
    let axum = write_app(
        &out.join("axum"),
        gen_axum::NAME,
        &gen_axum::files(&options.spec),
        &lock,
    )?;
    println!(
        "buildtime: {} routes in {} blueprints, written to {} and {}",
        options.spec.routes,
        options.spec.blueprints,
        ours.dir.display(),
        axum.dir.display()
    );
    if options.generate_only {
        return Ok(());
    }

    let mut rows = Vec::new();
    let mut timings = Vec::new();
    let mut extra = Vec::new();
    for &profile in &options.profiles {
        println!("\n==> {} build", profile.name());
        let mut clean = [0.0; 2];
        for (i, app) in [&ours, &axum].into_iter().enumerate() {
            cargo(app, &["clean", "--profile", profile.cargo()])?;
            clean[i] = timed_build(app, profile, true)?;
            timings.push(Timings::read(&app.dir, app.name, profile.name(), "clean")?);
        }
        rows.push(Row::new(profile.name(), Measure::Clean, clean));
        if let [.., ours_clean, axum_clean] = timings.as_slice() {
            extra.push(report::extra_units(ours_clean, axum_clean));
        }

        let mut own = [0.0; 2];
        for (i, app) in [&ours, &axum].into_iter().enumerate() {
            cargo(
                app,
                &["clean", "-p", app.name, "--profile", profile.cargo()],
            )?;
            own[i] = timed_build(app, profile, true)?;
            timings.push(Timings::read(
                &app.dir,
                app.name,
                profile.name(),
                "clean, deps built",
            )?);
        }
        rows.push(Row::new(profile.name(), Measure::CleanDepsBuilt, own));

        let mut incremental = [f64::INFINITY; 2];
        for _ in 0..options.runs {
            for (i, app) in [&ours, &axum].into_iter().enumerate() {
                touch_handler(&app.dir)?;
                incremental[i] = incremental[i].min(timed_build(app, profile, false)?);
            }
        }
        rows.push(Row::new(profile.name(), Measure::Incremental, incremental));
    }
    check_routes(&ours, &options)?;

    println!("\n{}", report::table(&rows, options.runs));
    println!("{}", report::timings(&timings));
    for line in extra {
        println!("{line}\n");
    }
    Ok(())
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        spec: Spec {
            routes: 200,
            blueprints: 10,
        },
        profiles: vec![Profile::Debug, Profile::Release],
        runs: 2,
        generate_only: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--routes" => options.spec.routes = number(value()?)?,
            "--blueprints" => options.spec.blueprints = number(value()?)?,
            "--runs" => options.runs = number(value()?)?,
            "--profile" => {
                options.profiles = match value()?.as_str() {
                    "debug" => vec![Profile::Debug],
                    "release" => vec![Profile::Release],
                    "both" => vec![Profile::Debug, Profile::Release],
                    other => return Err(format!("unknown profile `{other}`\n{USAGE}")),
                }
            }
            "--generate-only" => options.generate_only = true,
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if options.spec.routes < options.spec.blueprints {
        return Err("--routes must be at least --blueprints: every blueprint has a route".into());
    }
    Ok(options)
}

fn number(text: &str) -> Result<usize, String> {
    match text.parse() {
        Ok(0) | Err(_) => Err(format!("`{text}` is not a positive number\n{USAGE}")),
        Ok(n) => Ok(n),
    }
}

/// Writes the app's files into `dir` (keeping its target folder, so a run after a
/// run only rebuilds what changed), with the checkout's `Cargo.lock`.
fn write_app(
    dir: &Path,
    name: &'static str,
    files: &[(String, String)],
    lock: &Path,
) -> Result<Generated, String> {
    for stale in ["src", "templates"] {
        let folder = dir.join(stale);
        if folder.exists() {
            std::fs::remove_dir_all(&folder)
                .map_err(|e| format!("cannot empty {}: {e}", folder.display()))?;
        }
    }
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let copied = dir.join("Cargo.lock");
    std::fs::copy(lock, &copied).map_err(|e| format!("cannot copy {}: {e}", lock.display()))?;
    Ok(Generated {
        name,
        dir: dir.to_path_buf(),
    })
}

/// `cargo ARGS` in the app's folder, quietly; its output only when it fails.
fn cargo(app: &Generated, args: &[&str]) -> Result<(), String> {
    let output = command(app)
        .args(args)
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` in {} exited with {}:\n{}",
            args.join(" "),
            app.dir.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// `cargo` for the app: its own workspace and target folder, whatever the
/// environment `cargo xtask` runs in says.
fn command(app: &Generated) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .current_dir(&app.dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .stdin(Stdio::null());
    command
}

/// Seconds `cargo build` takes, offline, with `--timings` when asked.
fn timed_build(app: &Generated, profile: Profile, timings: bool) -> Result<f64, String> {
    let mut args = vec!["build", "--offline", "--profile", profile.cargo()];
    if timings {
        args.push("--timings");
    }
    let started = Instant::now();
    cargo(app, &args)?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "  {:<16} {:>7.2}s  cargo {}",
        app.name,
        seconds,
        args.join(" ")
    );
    Ok(seconds)
}

/// Changes the string literal of one handler (blueprint 0's first text route): `rev
/// N` becomes `rev N+1`.
fn touch_handler(dir: &Path) -> Result<(), String> {
    let path = dir.join("src/b0.rs");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let edited = bump_revision(&text)
        .ok_or_else(|| format!("{} has no `{REVISION}N` to change", path.display()))?;
    std::fs::write(&path, edited).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn bump_revision(text: &str) -> Option<String> {
    let (before, after) = text.split_once(REVISION)?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = after.split_at(digits);
    let next = number.parse::<u64>().ok()? + 1;
    Some(format!("{before}{REVISION}{next}{rest}"))
}

/// The built app of ours lists every route (`buildtime-ours routes`): the generated
/// app is complete, not only compiling.
fn check_routes(ours: &Generated, options: &Options) -> Result<(), String> {
    let profile = options.profiles[options.profiles.len() - 1];
    let binary = ours.dir.join("target").join(profile.name()).join(ours.name);
    let output = Command::new(&binary)
        .arg("routes")
        .env("APP_ENV", "development")
        .output()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let listing = String::from_utf8_lossy(&output.stdout);
    let routes = listing.lines().filter(|line| line.contains("/b")).count();
    if !output.status.success() || routes != options.spec.routes {
        return Err(format!(
            "`{} routes` listed {routes} routes, not {} ({}):\n{listing}{}",
            binary.display(),
            options.spec.routes,
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    println!(
        "buildtime: `{} routes` lists all {routes} routes",
        ours.name
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_revision_goes_up_by_one() {
        let text = "a \"b0 r1 rev 9 {id}\" b";
        assert_eq!(bump_revision(text).unwrap(), "a \"b0 r1 rev 10 {id}\" b");
        assert_eq!(bump_revision("no marker"), None);
    }
}
