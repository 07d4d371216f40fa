//! `cargo xtask fuzz [--seconds N] [TARGET...]`: each `cargo fuzz` target in `fuzz/`
//! for a bounded time (libFuzzer's `-max_total_time`), with the nightly toolchain
//! `cargo fuzz` needs. New inputs that reach new code are kept in
//! `fuzz/corpus/TARGET`; the seeds in `fuzz/seeds/TARGET` (and any input that once
//! failed, kept there as a regression) are replayed first. A failure leaves its input
//! in `fuzz/artifacts/TARGET/` and stops the run, naming the file and the command that
//! replays it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::steps::run;

/// Every target, in the order they run.
pub const TARGETS: &[&str] = &["route_rule", "signed_value", "password_hash", "requests"];

const CARGO_FUZZ: (&str, &str) = ("cargo-fuzz", "0.13.2");
const DEFAULT_SECONDS: u64 = 60;
/// A single input slower than this is a failure (a hash that asks for seconds of work
/// is refused well below it).
const INPUT_TIMEOUT_SECONDS: u64 = 20;

pub fn fuzz(root: &Path, args: &[String]) -> Result<(), String> {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = args.next().ok_or("--seconds needs a number")?;
                seconds = value
                    .parse()
                    .ok()
                    .filter(|s| *s > 0)
                    .ok_or_else(|| format!("--seconds {value}: not a positive whole number"))?;
            }
            name if TARGETS.contains(&name) => targets.push(name.to_owned()),
            other => {
                return Err(format!(
                    "fuzz: unknown target or argument `{other}` (targets: {})",
                    TARGETS.join(", ")
                ));
            }
        }
    }
    if targets.is_empty() {
        targets = TARGETS.iter().map(|t| (*t).to_owned()).collect();
    }
    ensure_nightly()?;
    ensure_cargo_fuzz()?;
    let fuzz_dir = root.join("fuzz");
    let mut summary = Vec::new();
    for target in &targets {
        let corpus = fuzz_dir.join("corpus").join(target);
        let seeds = fuzz_dir.join("seeds").join(target);
        for dir in [&corpus, &seeds] {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        println!("\n==> fuzz {target} for {seconds} s");
        let runs = run_target(&fuzz_dir, target, &corpus, &seeds, seconds)?;
        summary.push(format!(
            "{target}: {runs} executions in {seconds} s, no failure"
        ));
    }
    println!();
    for line in &summary {
        println!("xtask: fuzz {line}");
    }
    Ok(())
}

/// Runs one target; returns libFuzzer's count of executions.
fn run_target(
    fuzz_dir: &Path,
    target: &str,
    corpus: &Path,
    seeds: &Path,
    seconds: u64,
) -> Result<String, String> {
    let mut child = Command::new("cargo")
        .args(["+nightly", "fuzz", "run", target])
        .arg(corpus)
        .arg(seeds)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-timeout={INPUT_TIMEOUT_SECONDS}"))
        .arg("-rss_limit_mb=4096")
        .arg("-print_final_stats=1")
        .current_dir(fuzz_dir)
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo +nightly fuzz: {e}"))?;
    // libFuzzer reports on stderr; pass it through and keep what the summary needs.
    let mut runs = None;
    let mut artifact = None;
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if let Some(rest) = line.strip_prefix("stat::number_of_executed_units:") {
                runs = Some(rest.trim().to_owned());
            }
            if let Some((_, path)) = line.split_once("Test unit written to ") {
                artifact = Some(path.trim().to_owned());
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cargo fuzz did not finish: {e}"))?;
    if status.success() {
        return Ok(runs.unwrap_or_else(|| "an unknown number of".to_owned()));
    }
    Err(match artifact {
        Some(path) => format!(
            "fuzz target {target} failed on the input saved in {path}; replay it with \
             `cd fuzz && cargo +nightly fuzz run {target} {path}`, fix the bug, and keep \
             the input in fuzz/seeds/{target}/ as a regression"
        ),
        None => format!("cargo +nightly fuzz run {target} exited with {status}"),
    })
}

fn ensure_nightly() -> Result<(), String> {
    let output = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map_err(|e| format!("cannot run rustup: {e}"))?;
    if String::from_utf8_lossy(&output.stdout)
        .lines()
        .any(|l| l.starts_with("nightly"))
    {
        Ok(())
    } else {
        Err("cargo fuzz needs a nightly toolchain: `rustup toolchain install nightly`".to_owned())
    }
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let present = Command::new("cargo")
        .args(["+nightly", "fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if present {
        return Ok(());
    }
    println!(
        "installing {} {}: the fuzz targets run through it (once per machine)",
        CARGO_FUZZ.0, CARGO_FUZZ.1
    );
    run(Command::new("cargo").args([
        "install",
        "--locked",
        CARGO_FUZZ.0,
        "--version",
        CARGO_FUZZ.1,
    ]))
}
