//! The real binary's log: one line per request in development, none in production
//! unless `LOG_REQUESTS` says so, and no colour codes when stderr is a pipe.
#![forbid(unsafe_code)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use test_support::free_port;
use test_support::http::raw_get as get;

/// Runs `hello` with `vars`, asks for `/api/status` and `/nowhere`, stops it with
/// SIGTERM, and gives back what it wrote to stderr (a pipe).
fn stderr_of_a_run(vars: &[(&str, &str)]) -> String {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_hello"))
        .env("PORT", port.to_string())
        .env("SHUTDOWN_TIMEOUT", "5")
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .envs(vars.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
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
    let missing = get(port, "/nowhere").unwrap();
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn development_logs_each_request_without_colour_on_a_pipe() {
    let log = stderr_of_a_run(&[]);
    assert!(log.contains("serving on http://"), "{log}");
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("framework_core::request"))
        .collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(lines[0].contains(" INFO "), "{log}");
    assert!(lines[0].contains("GET /api/status 200 "), "{log}");
    assert!(lines[1].contains("GET /nowhere 404 "), "{log}");
    assert!(!log.contains('\u{1b}'), "escape codes on a pipe: {log:?}");
}

#[test]
fn production_logs_requests_only_when_asked() {
    let quiet = stderr_of_a_run(&[("APP_ENV", "production")]);
    assert!(quiet.contains("serving on http://"), "{quiet}");
    assert!(!quiet.contains("framework_core::request"), "{quiet}");
    let asked = stderr_of_a_run(&[("APP_ENV", "production"), ("LOG_REQUESTS", "true")]);
    assert!(asked.contains("GET /api/status 200 "), "{asked}");
}

#[test]
fn rust_log_chooses_targets_and_a_mistake_in_it_is_reported() {
    let silenced = stderr_of_a_run(&[("RUST_LOG", "info,framework_core::request=off")]);
    assert!(silenced.contains("serving on http://"), "{silenced}");
    assert!(!silenced.contains("framework_core::request"), "{silenced}");

    let mistaken = stderr_of_a_run(&[("RUST_LOG", "info,framework_core=loud")]);
    assert!(
        mistaken.contains(" WARN ")
            && mistaken.contains("RUST_LOG=\"info,framework_core=loud\" is not used")
            && mistaken.contains("`loud` is not a level"),
        "{mistaken}"
    );
    assert!(mistaken.contains("GET /api/status 200 "), "{mistaken}");
}
