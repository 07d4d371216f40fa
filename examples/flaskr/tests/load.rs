//! Load on the real flaskr binary: 10,000 requests over 256 keep-alive connections,
//! a mix of the plain-text route, the index (a database query and a template), a
//! static file and the login page (a new session and CSRF token each time), with
//! not one error and every answer a 200.
//!
//! It needs no service (SQLite, cookie sessions), so it runs in every `cargo test`.
#![forbid(unsafe_code)]

mod support;

use support::Instance;
use test_support::{free_port, load, temp_dir};

const REQUESTS: usize = 10_000;
const CONNECTIONS: usize = 256;
const PATHS: [&str; 4] = ["/hello", "/", "/static/style.css", "/auth/login"];

#[test]
fn ten_thousand_requests_over_256_connections_without_an_error() {
    let dir = temp_dir("flaskr-load");
    let database = dir.join("flaskr.sqlite").display().to_string();
    let port = free_port();
    let _flaskr = Instance::start(
        &dir,
        port,
        &[
            ("SECRET_KEY", "load test key"),
            ("FLASKR_DATABASE", database.as_str()),
        ],
    );
    let tally = load::run(port, CONNECTIONS, REQUESTS, |i| {
        PATHS[i % PATHS.len()].to_owned()
    });
    println!(
        "{} requests over {CONNECTIONS} connections in {:.2?}: {:?}, {} errors",
        tally.answered(),
        tally.elapsed,
        tally.statuses,
        tally.errors.len()
    );
    assert!(
        tally.errors.is_empty(),
        "{:?}",
        &tally.errors[..tally.errors.len().min(10)]
    );
    for path in PATHS {
        assert_eq!(
            tally.count(path, 200),
            REQUESTS / PATHS.len(),
            "{path}: {:?}",
            tally.statuses
        );
    }
    assert_eq!(tally.answered(), REQUESTS);
    let _ = std::fs::remove_dir_all(&dir);
}
