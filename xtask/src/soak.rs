//! `cargo xtask soak`: flaskr built in release, under steady load for minutes, its
//! resident memory sampled from `/proc`; growth past 5 % after the warm-up fails.
//!
//! One visitor is logged in and every request carries its session, so nothing the
//! app keeps by design (a new session per anonymous visit in the memory store)
//! grows with the load: what grows is a leak. The load is the mix of the load test
//! (the index with its query and template, a page, a form with its CSRF token, a
//! static file) over 64 keep-alive connections; any error fails the soak too.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use test_support::http::{Browser, csrf_token};
use test_support::load;

use crate::steps::run;

/// The warm-up after which memory should stay flat.
const WARM_UP: Duration = Duration::from_secs(30);
/// How often the resident memory is read.
const SAMPLE_EVERY: Duration = Duration::from_secs(5);
/// How much it may grow after the warm-up.
const MAX_GROWTH: f64 = 0.05;

/// A child process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `cargo xtask soak [--seconds N]` (default 180 s of load after the warm-up).
pub fn soak(root: &Path, args: &[String]) -> Result<(), String> {
    let seconds = match args {
        [] => 180,
        [flag, n] if flag == "--seconds" => n
            .parse::<u64>()
            .map_err(|_| format!("--seconds takes a number, got {n:?}"))?,
        _ => return Err("usage: cargo xtask soak [--seconds N]".to_owned()),
    };
    run(Command::new("cargo")
        .args(["build", "--release", "-p", "flaskr"])
        .current_dir(root))?;
    let dir = root.join("target").join("xtask").join("soak");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let port = crate::services::free_port()?;
    let server = Server(
        Command::new(root.join("target/release/flaskr"))
            .args(["run", "--host", "127.0.0.1", "--port", &port.to_string()])
            .env("SECRET_KEY", "soak")
            .env("FLASKR_DATABASE", dir.join("flaskr.sqlite"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start target/release/flaskr: {e}"))?,
    );
    test_support::wait_for_port(port, "flaskr");
    let pid = server.0.id();

    let mut browser = Browser::new(port);
    for path in ["/auth/register", "/auth/login"] {
        let token = csrf_token(&browser.request("GET", path, None).body);
        let fields = [
            ("csrf_token", token.as_str()),
            ("username", "soak"),
            ("password", "soak"),
        ];
        let reply = browser.request("POST", path, Some(&fields));
        if reply.status != 302 {
            return Err(format!("{path}: {} {}", reply.status, reply.body));
        }
    }
    let cookie: Vec<String> = browser
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let cookie = format!("Cookie: {}", cookie.join("; "));

    // The load, in rounds, until told to stop.
    let running = Arc::new(AtomicBool::new(true));
    let load = {
        let running = running.clone();
        std::thread::spawn(move || {
            let paths = ["/", "/hello", "/create", "/static/style.css"];
            let (mut answered, mut errors) = (0, Vec::new());
            while running.load(Ordering::SeqCst) {
                let tally = load::run(port, 64, 20_000, |i| {
                    format!("{}\n{cookie}", paths[i % paths.len()])
                });
                let wrong =
                    tally.answered() - paths.iter().map(|p| tally.count(p, 200)).sum::<usize>();
                if wrong > 0 {
                    errors.push(format!("{wrong} answers not 200: {:?}", tally.statuses));
                }
                answered += tally.answered();
                errors.extend(tally.errors);
            }
            (answered, errors)
        })
    };

    let started = Instant::now();
    let total = WARM_UP + Duration::from_secs(seconds);
    let mut samples = Vec::new();
    while started.elapsed() < total {
        std::thread::sleep(SAMPLE_EVERY);
        let rss = rss_kib(pid)?;
        println!("{:>4} s: {rss} KiB", started.elapsed().as_secs());
        samples.push((started.elapsed(), rss));
    }
    running.store(false, Ordering::SeqCst);
    let (answered, errors) = load.join().map_err(|_| "the load thread panicked")?;
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);

    let after: Vec<u64> = samples
        .iter()
        .filter(|(at, _)| *at >= WARM_UP)
        .map(|(_, rss)| *rss)
        .collect();
    let (Some(&baseline), Some(&last)) = (after.first(), after.last()) else {
        return Err("no sample after the warm-up".to_owned());
    };
    let peak = after.iter().copied().max().unwrap_or(last);
    let growth = last as f64 / baseline as f64 - 1.0;
    println!(
        "soak: {answered} requests in {:.0?}, {} errors; RSS after warm-up {baseline} KiB, at the end {last} KiB (peak {peak} KiB): {:+.1} %",
        started.elapsed(),
        errors.len(),
        growth * 100.0
    );
    if !errors.is_empty() {
        return Err(format!(
            "{} requests failed, the first: {:?}",
            errors.len(),
            &errors[..errors.len().min(5)]
        ));
    }
    if growth > MAX_GROWTH {
        return Err(format!(
            "resident memory grew {:.1} % after the warm-up ({baseline} KiB to {last} KiB), more than {:.0} %",
            growth * 100.0,
            MAX_GROWTH * 100.0
        ));
    }
    Ok(())
}

/// The resident memory of process `pid` (`VmRSS` in `/proc/PID/status`).
fn rss_kib(pid: u32) -> Result<u64, String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("cannot read /proc/{pid}/status (did flaskr stop?): {e}"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| format!("no VmRSS in /proc/{pid}/status"))
}
