//! Tools the checks need, installed from crates.io when missing (a minute or two
//! each, once per machine).

use std::process::{Command, Stdio};

use crate::steps::run;

const MDBOOK: (&str, &str) = ("mdbook", "0.5.4");
const CARGO_DENY: (&str, &str) = ("cargo-deny", "0.20.2");

fn on_path(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `cargo install`s `krate` at `version` (with `args`, such as features).
///
/// On a fresh machine, such as CI's, every run installs these tools, so they are
/// built for a short compile rather than for speed: their release profiles ask for
/// link-time optimisation and one codegen unit (cargo-deny's, fat LTO, took two of
/// its install's minutes), and the checks they run here take a second either way.
fn install(krate: &str, version: &str, args: &[&str], why: &str) -> Result<(), String> {
    println!("installing {krate} {version}: {why} (once per machine, a minute or two)");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(cargo)
        .args(["install", "--locked", krate, "--version", version])
        .args(args)
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_PROFILE_RELEASE_STRIP", "true"))
}

/// `mdbook`, installed if missing; returns the program to run.
pub fn ensure_mdbook() -> Result<String, String> {
    if !on_path("mdbook", "--version") {
        // Without `mdbook serve` and `watch` (a web server and a file watcher of
        // their own): only `mdbook build` runs here.
        install(
            MDBOOK.0,
            MDBOOK.1,
            &["--no-default-features", "--features", "search"],
            "the book is built by `mdbook build book`",
        )?;
    }
    Ok("mdbook".to_owned())
}

/// `cargo deny`, installed if missing.
pub fn ensure_cargo_deny() -> Result<(), String> {
    if !cargo_has("deny") {
        install(
            CARGO_DENY.0,
            CARGO_DENY.1,
            &[],
            "the dependency policy is checked by `cargo deny`",
        )?;
    }
    Ok(())
}

const CARGO_AUDITABLE: (&str, &str) = ("cargo-auditable", "0.7.7");
const CARGO_CYCLONEDX: (&str, &str) = ("cargo-cyclonedx", "0.5.9");

/// Whether `cargo SUBCOMMAND --version` runs.
fn cargo_has(subcommand: &str) -> bool {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(cargo)
        .args([subcommand, "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `cargo auditable`, installed if missing.
pub fn ensure_cargo_auditable() -> Result<(), String> {
    if !cargo_has("auditable") {
        install(
            CARGO_AUDITABLE.0,
            CARGO_AUDITABLE.1,
            &[],
            "release binaries embed their dependency list through `cargo auditable`",
        )?;
    }
    Ok(())
}

/// `cargo cyclonedx`, installed if missing.
pub fn ensure_cargo_cyclonedx() -> Result<(), String> {
    if !cargo_has("cyclonedx") {
        install(
            CARGO_CYCLONEDX.0,
            CARGO_CYCLONEDX.1,
            &[],
            "release SBOMs are written by `cargo cyclonedx`",
        )?;
    }
    Ok(())
}
