//! `cargo xtask test`: everything CI checks, in one command that works on a fresh
//! machine. It installs the tools the checks need when they are missing (mdBook,
//! cargo-deny, and services such as Redis when a test needs them), then runs, in
//! order, stopping at the first failure:
//!
//! 1. `cargo fmt --check`
//! 2. `cargo clippy --workspace --all-targets -- -D warnings`
//! 3. every test: unit, integration, trybuild UI and examples, with ignored tests
//!    included (they are the ones that need a service this command starts)
//! 4. doc tests (the README's example included)
//! 5. a new project: `cargo xtask new` into a temporary folder, then its tests
//! 6. the book: its includes and links checked, then `mdbook build` into `target/book`
//! 7. policy: every crate root forbids unsafe code and takes the workspace lints;
//!    `cargo deny --offline check bans licenses sources`
//! 8. supply chain: `dist` of one example, verified, then tampered with and rejected
//!
//! `cargo xtask bench` (not part of `test`) measures `examples/bench-app` against the
//! peer servers of the shared benchmark harness (see `bench.rs`).
//!
//! `cargo xtask buildtime` (not part of `test`) times building an app of 200 routes
//! against the same app on axum (see `buildtime/mod.rs`).
//!
//! `cargo xtask soak` (not part of `test`) runs flaskr in release under steady load
//! for minutes and fails if its memory grows (see `soak.rs`).
//!
//! `cargo xtask new PATH` writes a new app (see [`new`]). `cargo xtask dist` makes a
//! signed release folder (binaries with their dependency list, SBOMs, provenance,
//! SHA-256 sums, signatures); `cargo xtask verify DIR` checks one. See `dist/mod.rs`.
#![forbid(unsafe_code)]

mod bench;
mod book;
mod buildtime;
mod dist;
mod fuzz;
mod metadata;
mod new;
mod oidc;
mod policy;
mod postgres;
mod services;
mod soak;
mod steps;
mod tools;

use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  new PATH [--name N]   write a new app in PATH that builds, runs and passes its tests
  test                  install what the tests need, start it, and run every check CI runs
  test-new              only the `new project` step of `test`
  book                  only the `book` step: check includes and links, build into target/book
  with-postgres CMD...  run CMD with a throwaway PostgreSQL server (POSTGRES_URL, …)
  dist [--out DIR] [--package NAME]... [--key PATH] [--profile NAME]
                        build the examples in release and write a signed release folder
                        (default target/dist): binaries with their dependency list
                        embedded, CycloneDX SBOMs, provenance, SHA256SUMS, signatures.
                        Settings: DIST_SIGNING_KEY (SSH private key; required when CI
                        is set, else a throwaway key is made), DIST_SIGNER, DIST_BUILDER_ID
  verify DIR [--allowed-signers FILE]
                        check a release folder's sums and signatures against
                        FILE (or DIST_ALLOWED_SIGNERS; else the folder's own)
  dist-check            the supply-chain step of `test` alone: dist of one example,
                        verified, then tampered with and rejected
  fuzz [--seconds N] [TARGET...]
                        run each cargo-fuzz target (nightly) for N seconds (default 60):
                        route_rule, signed_value, password_hash, requests
  soak [--seconds N]    flaskr in release under steady load for N seconds (default 180)
                        after a 30 s warm-up; fails if its resident memory grows more
                        than 5 % after the warm-up, or if any request fails
  bench [--quick]       bench-app against the peers of the shared harness in one run:
                        wrk (req/s, req/CPU-s, peak RSS), callgrind (instructions per
                        request, a new visitor's session too), ratios and targets.
                        --quick: axum-raw only, three endpoints, one round (~2 min).
                        Settings: BENCH_HARNESS, BENCH_TARGET_DIR
  buildtime [--routes N] [--blueprints B] [--profile debug|release|both] [--runs R]
                        an app of N routes (default 200) in B blueprints (default 10),
                        generated on the framework and hand-written on axum, built
                        clean, clean with its dependencies built, and after one
                        handler changed (least of R rounds, default 2); the table of
                        times and ratios, and cargo's per-crate timings.
                        --generate-only: write the apps to target/buildtime only
  help                  show this message";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("test") if args.len() == 1 => test(),
        Some("with-postgres") if args.len() > 1 => with_postgres(&args[1..]),
        Some("new") => new_project(&args[1..]),
        Some("test-new") if args.len() == 1 => one_step(new::check::check),
        Some("book") if args.len() == 1 => one_step(book::build),
        Some("dist") => {
            report(steps::workspace_root().and_then(|root| dist::dist_command(&root, &args[1..])))
        }
        Some("verify") => report(dist::verify_command(&args[1..])),
        Some("fuzz") => {
            report(steps::workspace_root().and_then(|root| fuzz::fuzz(&root, &args[1..])))
        }
        Some("bench") => {
            report(steps::workspace_root().and_then(|root| bench::bench(&root, &args[1..])))
        }
        Some("buildtime") => {
            report(steps::workspace_root().and_then(|root| buildtime::buildtime(&root, &args[1..])))
        }
        Some("soak") => {
            report(steps::workspace_root().and_then(|root| soak::soak(&root, &args[1..])))
        }
        Some("dist-check") if args.len() == 1 => {
            report(steps::workspace_root().and_then(|root| dist::check::run(&root)))
        }
        Some("help") | Some("--help") | Some("-h") | None => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("xtask: unknown command or argument `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Exit status of a command that either worked or says why not.
fn report(outcome: Result<(), String>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `command` while a throwaway PostgreSQL cluster is up, with its environment
/// (for running one test by hand, or refreshing the `query!` metadata).
fn with_postgres(command: &[String]) -> ExitCode {
    let postgres = match postgres::Postgres::start() {
        Ok(postgres) => postgres,
        Err(message) => {
            eprintln!("xtask: {message}");
            return ExitCode::FAILURE;
        }
    };
    let status = std::process::Command::new(&command[0])
        .args(&command[1..])
        .envs(postgres.env())
        .status();
    drop(postgres);
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => {
            eprintln!("xtask: {} exited with {status}", command[0]);
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("xtask: cannot start {}: {error}", command[0]);
            ExitCode::FAILURE
        }
    }
}

/// Runs one step of `test` on its own.
fn one_step(step: fn(&std::path::Path) -> Result<(), String>) -> ExitCode {
    match steps::workspace_root().and_then(|root| step(&root)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask new`: a new app beside the framework's checkout.
fn new_project(args: &[String]) -> ExitCode {
    let created = steps::workspace_root().and_then(|root| new::run(&root, args));
    match created {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask new: {message}");
            ExitCode::FAILURE
        }
    }
}

fn test() -> ExitCode {
    let started = Instant::now();
    let root = match steps::workspace_root() {
        Ok(root) => root,
        Err(message) => {
            eprintln!("xtask: {message}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = steps::run_all(&root);
    let elapsed = started.elapsed().as_secs();
    println!("\nxtask: finished in {}m{:02}s", elapsed / 60, elapsed % 60);
    match outcome {
        Ok(passed) => {
            println!("xtask: {passed} passed, 0 failed");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("xtask: step `{}` failed: {}", failure.step, failure.message);
            println!("xtask: {} passed, 1 failed", failure.passed);
            ExitCode::FAILURE
        }
    }
}
