//! `cargo xtask bench [--quick]`: `examples/bench-app` against its peers, in one run,
//! with every figure a ratio to the others measured in that same run.
//!
//! It builds `bench-app` in release, then runs the shared harness (`run.sh`, which
//! builds the peers it needs before timing anything): wrk against every peer and
//! ours, server pinned to one core and wrk to the other. Ours runs twice: `ours`,
//! the app as `run` serves it (`App::run`: one runtime per core, the server's
//! limits and timeouts), and `ours-bare`, the app's router under bare `axum::serve`,
//! served exactly as `axum-raw` is. Then callgrind, for instructions per request on
//! every endpoint, and once more for a new visitor's `/session` (no cookie: a session
//! made and signed on each request). Last, a table for each of ours with its ratios
//! to `axum-raw` and `actix` and each target of the performance work.
//!
//! `--quick` is a two-minute check: one wrk round against `axum-raw` only, on three
//! endpoints, and callgrind with fewer requests.
//!
//! Settings: `BENCH_HARNESS` (the harness folder; default `../shared/bench` next to
//! the checkout), `BENCH_TARGET_DIR` (where the peers are built; default
//! `/tmp/benchtarget`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::steps::run;

/// What one invocation measures.
struct Plan {
    /// `run.sh --only` (the baseline first), or every peer.
    only: Option<&'static str>,
    endpoints: &'static str,
    rounds: &'static str,
    duration: &'static str,
    /// Requests per callgrind run.
    requests: &'static str,
    /// The harness's budget for its measured part (`MAX_SECONDS`), which it checks
    /// against its own estimate before it starts.
    max_seconds: &'static str,
}

const FULL: Plan = Plan {
    only: None,
    endpoints: "plaintext json users template session form",
    rounds: "3",
    duration: "2",
    requests: "1000",
    // Six servers × six endpoints × three rounds of warm-up, measurement and
    // restart: about 490 s.
    max_seconds: "600",
};

const QUICK: Plan = Plan {
    only: Some("axum-raw"),
    endpoints: "plaintext json session",
    rounds: "1",
    duration: "2",
    requests: "300",
    max_seconds: "120",
};

/// `cargo xtask bench [--quick]`.
pub fn bench(root: &Path, args: &[String]) -> Result<(), String> {
    let plan = match args {
        [] => &FULL,
        [flag] if flag == "--quick" => &QUICK,
        _ => return Err("usage: cargo xtask bench [--quick]".to_owned()),
    };
    let harness = harness(root)?;
    let peers_target = std::env::var_os("BENCH_TARGET_DIR")
        .map_or_else(|| PathBuf::from("/tmp/benchtarget"), PathBuf::from);
    run(Command::new("cargo")
        .args(["build", "--release", "-p", "bench-app"])
        .current_dir(root))?;
    let ours = target_dir(root).join("release").join("bench-app");
    let out = root.join("target").join("xtask").join("bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    let wrk_json = out.join("wrk.json");
    let mut wrk = Command::new("bash");
    wrk.arg(harness.join("run.sh"));
    if let Some(only) = plan.only {
        wrk.args(["--only", only]);
    }
    wrk.arg("--peers")
        .arg(harness.join("peers"))
        .arg(format!("ours=exec {} {{PORT}}", ours.display()))
        .arg(format!(
            "{BARE}=BENCH_AXUM_SERVE=1 exec {} {{PORT}}",
            ours.display()
        ))
        .env("CARGO_TARGET_DIR", &peers_target)
        .env("BENCH_JSON", &wrk_json)
        .env("ROUNDS", plan.rounds)
        .env("DURATION", plan.duration)
        .env(
            "MAX_SECONDS",
            std::env::var("MAX_SECONDS").unwrap_or_else(|_| plan.max_seconds.to_owned()),
        )
        .env("ENDPOINTS", plan.endpoints)
        .current_dir(&harness);
    run(&mut wrk)?;

    let peer = |name: &str| peers_target.join("release").join(format!("bench-{name}"));
    let mut binaries = vec![("axum-raw".to_owned(), peer("axum-raw"))];
    if plan.only.is_none() {
        binaries.push(("actix".to_owned(), peer("actix")));
    }
    binaries.push(("ours".to_owned(), ours.clone()));
    let callgrind_json = out.join("callgrind.json");
    let mut callgrind = Command::new("bash");
    callgrind
        .arg(harness.join("callgrind-all.sh"))
        .args(
            binaries
                .iter()
                .map(|(name, bin)| format!("{name}={}", bin.display())),
        )
        .env("N", plan.requests)
        .env("ENDPOINTS", plan.endpoints)
        .env("CALLGRIND_JSON", &callgrind_json)
        .current_dir(&harness);
    run(&mut callgrind)?;
    // The same binary under bare `axum::serve`: told by the environment, which
    // callgrind-all.sh passes to every binary it starts, so it runs on its own.
    let bare_json = out.join("callgrind-bare.json");
    run(Command::new("bash")
        .arg(harness.join("callgrind-all.sh"))
        .arg(format!("{BARE}={}", ours.display()))
        .env("BENCH_AXUM_SERVE", "1")
        .env("N", plan.requests)
        .env("ENDPOINTS", plan.endpoints)
        .env("CALLGRIND_JSON", &bare_json)
        .current_dir(&harness))?;
    let mut callgrind = read_json(&callgrind_json)?;
    if let (Some(all), Value::Array(bare)) = (callgrind.as_array_mut(), read_json(&bare_json)?) {
        all.extend(bare);
    }

    let mut new_session = Vec::new();
    for (name, bin) in [("axum-raw", peer("axum-raw")), ("ours", ours)] {
        let json = out.join(format!("new-session-{name}.json"));
        run(Command::new("bash")
            .arg(harness.join("callgrind.sh"))
            .args(["-n", plan.requests, "-p", "/session", "-l", name, "-j"])
            .arg(&json)
            .arg("--")
            .arg(&bin)
            .arg("{PORT}")
            .current_dir(&harness))?;
        new_session.push(ir_per_request(&read_json(&json)?)?);
    }

    let summary = Summary {
        wrk: read_json(&wrk_json)?,
        callgrind,
        new_session: (new_session[0], new_session[1]),
    };
    println!("{}", summary.table(plan));
    println!("Raw results: {}", out.display());
    Ok(())
}

/// Our app's router under bare `axum::serve`, beside `ours` (as `run` serves it).
const BARE: &str = "ours-bare";

/// The harness folder, from `BENCH_HARNESS` or next to the checkout.
fn harness(root: &Path) -> Result<PathBuf, String> {
    let (dir, from) = match std::env::var_os("BENCH_HARNESS") {
        Some(dir) => (PathBuf::from(dir), "BENCH_HARNESS"),
        None => (root.join("..").join("shared").join("bench"), "the default"),
    };
    if dir.join("run.sh").is_file() && dir.join("callgrind-all.sh").is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "no benchmark harness (run.sh, callgrind-all.sh) in {} ({from}); set BENCH_HARNESS to its folder",
            dir.display()
        ))
    }
}

/// Where this workspace's builds go.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

fn ir_per_request(result: &Value) -> Result<f64, String> {
    result["ir_per_request"]
        .as_f64()
        .ok_or_else(|| format!("no ir_per_request in {result}"))
}

/// The run's figures, read back from the harness's JSON.
struct Summary {
    wrk: Value,
    callgrind: Value,
    /// A new visitor's `/session`: axum-raw's and our instructions per request.
    new_session: (f64, f64),
}

impl Summary {
    /// A field of run.sh's summary row for `peer` on `endpoint`.
    fn wrk(&self, peer: &str, endpoint: &str, field: &str) -> Option<f64> {
        self.wrk["summary"]
            .as_array()?
            .iter()
            .find(|row| row["peer"] == peer && row["endpoint"] == endpoint)?[field]
            .as_f64()
    }

    fn ir(&self, label: &str, endpoint: &str) -> Option<f64> {
        self.callgrind
            .as_array()?
            .iter()
            .find(|row| row["label"] == label && row["endpoint"] == endpoint)?["ir_per_request"]
            .as_f64()
    }

    fn rss_kb(&self, peer: &str) -> Option<f64> {
        self.wrk["per_server"][peer]["peak_rss_kb_median"].as_f64()
    }

    fn table(&self, plan: &Plan) -> String {
        let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.3}", a / b),
            _ => "–".to_owned(),
        };
        let mut text = String::new();
        for (label, how) in [
            ("ours", "the app as `run` serves it (`App::run`)"),
            (BARE, "the app's router under bare `axum::serve`"),
        ] {
            text.push_str(&format!(
                "\n{label}: {how}, as ratios to the peers in this run (req/CPU-s: requests per second of server CPU)\n\n\
                 | endpoint | req/CPU-s ÷ axum-raw (≥ 0.97) | req/CPU-s ÷ actix (≥ 1.00) | instructions ÷ axum-raw (≤ 1.05) |\n\
                 |---|---:|---:|---:|\n",
            ));
            for endpoint in plan.endpoints.split(' ') {
                let cpu = |peer| self.wrk(peer, endpoint, "per_cpu_s_median");
                text.push_str(&format!(
                    "| {endpoint} | {} | {} | {} |\n",
                    ratio(cpu(label), cpu("axum-raw")),
                    ratio(cpu(label), cpu("actix")),
                    ratio(self.ir(label, endpoint), self.ir("axum-raw", endpoint)),
                ));
            }
        }
        let (theirs, ours) = self.new_session;
        text.push_str(&format!(
            "\nA new visitor's /session, ours ÷ axum-raw in instructions (≤ 1.05): {}\n",
            ratio(Some(ours), Some(theirs))
        ));
        let kib = |peer| {
            self.rss_kb(peer)
                .map_or("–".to_owned(), |kb| format!("{kb:.0}"))
        };
        for label in ["ours", BARE] {
            text.push_str(&format!(
                "Peak RSS under load, {label} ÷ axum-raw (≤ 1.10): {} ({label} {} KiB, axum-raw {} KiB)\n",
                ratio(self.rss_kb(label), self.rss_kb("axum-raw")),
                kib(label),
                kib("axum-raw"),
            ));
        }
        text
    }
}
