//! The real binary: served over a socket, stopped with SIGTERM, it exits 0; stopped
//! so in the middle of a load, it loses no request it accepted.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use test_support::free_port;
use test_support::http::raw_get as get;

#[test]
fn sigterm_stops_the_server_with_exit_code_0() {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hello"))
        .env("PORT", port.to_string())
        .env("SHUTDOWN_TIMEOUT", "5")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let response = loop {
        if let Some(response) = get(port, "/api/status") {
            break response;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.contains("x-content-type-options: nosniff"),
        "{response}"
    );

    terminate(&child);
    let stopping = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        if stopping.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("the server did not stop after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(exit.code(), Some(0), "{exit:?}");
}

#[test]
fn sigterm_during_load_loses_no_accepted_request() {
    let port = free_port();
    let (mut child, log) = start_logged(port, "shutdown", &[("SHUTDOWN_TIMEOUT", "5")]);

    // 64 connections send requests until the server is gone; SIGTERM arrives while
    // they do.
    let load = std::thread::spawn(move || {
        test_support::load::run(port, 64, usize::MAX, |_| "/api/status".to_owned())
    });
    std::thread::sleep(Duration::from_millis(500));
    terminate(&child);
    let tally = load.join().unwrap();
    let exit = child.wait().unwrap();
    let logged = take_log(&log);

    // Every answer that started arrived whole and was a 200; what failed is only
    // what the server never took: a connection refused once it stopped listening, a
    // request written to a connection it was closing, or a connection it closed
    // between two requests (no byte of an answer, not a timeout).
    let not_taken = |e: &String| {
        e.starts_with("connect:")
            || e.starts_with("send:")
            || (e.starts_with("no answer:")
                && !e.contains("timed out")
                && !e.contains("temporarily unavailable"))
    };
    let lost: Vec<&String> = tally.errors.iter().filter(|e| !not_taken(e)).collect();
    println!(
        "SIGTERM under load: {} answered ({:?}), {} not taken by the server, {} lost",
        tally.answered(),
        tally.statuses,
        tally.errors.len() - lost.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "{lost:?}");
    assert_eq!(tally.answered(), tally.count("/api/status", 200));
    assert!(tally.answered() > 0, "the load ran before SIGTERM");
    assert!(
        logged.contains("every request in flight was answered"),
        "{logged}"
    );
    assert_eq!(exit.code(), Some(0), "{exit:?}\n{logged}");
}

#[cfg(target_os = "linux")]
#[test]
fn server_threads_each_serve_and_stop_together() {
    let port = free_port();
    let vars = [("SERVER_THREADS", "3"), ("SHUTDOWN_TIMEOUT", "5")];
    let (mut child, log) = start_logged(port, "threads", &vars);

    // The main thread serves, and two more, named for what they do. The port opens
    // before the other threads have started, so they are waited for.
    let started = Instant::now();
    loop {
        let names = thread_names(child.id());
        let servers = names.iter().filter(|n| n.starts_with("server-")).count();
        if servers == 2 {
            break;
        }
        assert!(
            servers < 2 && started.elapsed() < Duration::from_secs(10),
            "{names:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let tally = test_support::load::run(port, 24, 600, |_| "/api/status".to_owned());
    assert_eq!(tally.count("/api/status", 200), 600, "{:?}", tally.errors);

    terminate(&child);
    let exit = child.wait().unwrap();
    let logged = take_log(&log);
    assert_eq!(exit.code(), Some(0), "{exit:?}\n{logged}");
    // One server, however many threads: it starts and stops once.
    assert_eq!(logged.matches("serving on http://").count(), 1, "{logged}");
    assert_eq!(
        logged
            .matches("every request in flight was answered")
            .count(),
        1,
        "{logged}"
    );
}

/// Starts the binary on `port` with `vars` and `RUST_LOG=info`, its log going to a
/// file of its own (returned, to read once it has stopped).
fn start_logged(port: u16, name: &str, vars: &[(&str, &str)]) -> (Child, PathBuf) {
    let log = std::env::temp_dir().join(format!("hello-{name}-{}.log", std::process::id()));
    let child = Command::new(env!("CARGO_BIN_EXE_hello"))
        .env("PORT", port.to_string())
        .env("RUST_LOG", "info")
        .envs(vars.iter().copied())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    test_support::wait_for_port(port, "hello");
    (child, log)
}

/// Sends SIGTERM to `child`.
fn terminate(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// What the log file says, removing it.
fn take_log(log: &Path) -> String {
    let logged = std::fs::read_to_string(log).unwrap();
    let _ = std::fs::remove_file(log);
    logged
}

/// The names of the process's threads.
#[cfg(target_os = "linux")]
fn thread_names(pid: u32) -> Vec<String> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).unwrap();
    tasks
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .map(|name| name.trim().to_owned())
        .collect()
}
