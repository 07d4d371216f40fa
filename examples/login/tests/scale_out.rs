//! Scale-out: Redis, two instances of this app on two ports, and nginx balancing
//! round-robin in front of them, all on 127.0.0.1. A visitor logs in through nginx;
//! the session, flashed messages and CSRF token work whichever instance answers.
//!
//! `cargo xtask test` installs `redis-server` and `nginx` (Debian packages) when
//! missing and starts Redis (`REDIS_URL`); this test starts the app instances and
//! nginx itself, on free loopback ports, and stops them when it ends.
#![forbid(unsafe_code)]

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use test_support::http::{Browser, Reply, csrf_token};
use test_support::nginx::start_nginx;
use test_support::{Running, free_port, temp_dir, wait_for_port};

fn start_instance(name: &str, port: u16, redis: &str) -> Running {
    let running = Running::spawn(
        Command::new(env!("CARGO_BIN_EXE_example-login"))
            .args(["run", "--host", "127.0.0.1", "--port", &port.to_string()])
            .env("INSTANCE_NAME", name)
            .env("SESSION_STORE", redis)
            .env(
                "SECRET_KEY",
                "scale-out test key, the same on every instance",
            )
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null()),
        "the example-login binary",
    );
    wait_for_port(port, name);
    running
}

#[test]
#[ignore = "needs redis and nginx: run via cargo xtask test"]
fn two_instances_behind_nginx_act_as_one_site() {
    let redis = std::env::var("REDIS_URL").expect("REDIS_URL (cargo xtask test sets it)");
    let (a, b, front) = (free_port(), free_port(), free_port());
    let _a = start_instance("a", a, &redis);
    let _b = start_instance("b", b, &redis);
    let dir = temp_dir("scale-out");
    let _nginx = start_nginx(&dir, front, &[a, b]);
    let mut browser = Browser::new(front);
    let mut answered = BTreeSet::new();
    let mut note = |reply: &Reply| {
        answered.insert(reply.header("x-instance").unwrap_or("?").to_owned());
    };

    // The login form comes from one instance, is posted to the other.
    let form = browser.request("GET", "/login?next=/private", None);
    note(&form);
    assert_eq!(form.status, 200);
    let token = csrf_token(&form.body);
    let login = browser.request(
        "POST",
        "/login",
        Some(&[
            ("csrf_token", &token),
            ("next", "/private"),
            ("username", "ferris"),
            ("password", "secret"),
        ]),
    );
    note(&login);
    assert_eq!(login.status, 303, "{}", login.body);
    assert_eq!(login.header("location"), Some("/private"));

    // Logged in, whichever instance answers; the welcome is flashed exactly once.
    let mut welcomes = 0;
    for _ in 0..4 {
        let page = browser.request("GET", "/", None);
        note(&page);
        assert!(
            page.body.contains("Logged in as <b>ferris</b>"),
            "{}",
            page.body
        );
        welcomes += page.body.matches("Welcome, ferris!").count();
    }
    assert_eq!(
        welcomes, 1,
        "the flashed message is shown once, on one instance"
    );
    let private = browser.request("GET", "/private", None);
    note(&private);
    assert_eq!(private.body, "secret page of ferris");

    // The CSRF token of the session works on both instances, and a forged post
    // without it is refused by both.
    let page = browser.request("GET", "/", None);
    note(&page);
    let token = csrf_token(&page.body);
    for _ in 0..2 {
        let forged = browser.request("POST", "/logout", Some(&[]));
        note(&forged);
        assert_eq!(forged.status, 403, "{}", forged.body);
    }
    let logout = browser.request("POST", "/logout", Some(&[("csrf_token", &token)]));
    note(&logout);
    assert_eq!(logout.status, 303);
    let after = browser.request("GET", "/", None);
    note(&after);
    assert!(after.body.contains("Not logged in"), "{}", after.body);

    assert_eq!(
        answered,
        BTreeSet::from(["a".to_owned(), "b".to_owned()]),
        "nginx sent requests to both instances"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
