//! Scale-out on real infrastructure: two flaskr instances behind nginx, sessions in
//! Redis, data in PostgreSQL, all on 127.0.0.1. A writer posts through nginx while
//! one instance is killed, then while PostgreSQL is restarted: no post whose request
//! was answered with a redirect (committed) is lost, the outage answers 503, and the
//! site recovers by itself.
//!
//! `cargo xtask test` starts Redis and PostgreSQL (`REDIS_URL`, `POSTGRES_URL`,
//! `POSTGRES_BIN`, `POSTGRES_DATA`) and installs nginx; this test starts the
//! instances and nginx itself. It is the only test of its binary because it stops the
//! PostgreSQL server other tests share.
#![forbid(unsafe_code)]

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use test_support::http::{Browser, csrf_token};
use test_support::nginx::start_nginx;
use test_support::{Running, free_port, temp_dir, wait_for_port};

fn start_instance(port: u16, database: &str, redis: &str) -> Running {
    let running = Running::spawn(
        Command::new(env!("CARGO_BIN_EXE_flaskr"))
            .args(["run", "--host", "127.0.0.1", "--port", &port.to_string()])
            .env("DATABASE_URL", database)
            .env("DATABASE_ACQUIRE_TIMEOUT", "1")
            .env("SESSION_STORE", redis)
            .env(
                "SECRET_KEY",
                "scale-out test key, the same on every instance",
            )
            .env("RUST_LOG", "error")
            .stdout(Stdio::null()),
        "the flaskr binary",
    );
    wait_for_port(port, "flaskr");
    running
}

fn pg_ctl(args: &[&str]) {
    let bin = std::env::var("POSTGRES_BIN").expect("POSTGRES_BIN: run via cargo xtask test");
    let data = std::env::var("POSTGRES_DATA").expect("POSTGRES_DATA: run via cargo xtask test");
    let status = Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .arg(format!("{bin}/pg_ctl"))
        .args(["-D", &data, "-w"])
        .args(args)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "pg_ctl {args:?}: {status}");
}

/// The titles of the posts in the database at `url`, read directly.
fn titles(url: &str) -> BTreeSet<String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        let titles: Vec<String> = sqlx::query_scalar("SELECT title FROM post")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        titles.into_iter().collect()
    })
}

/// A new, empty database on the test server; returns its URL.
fn fresh_database(name: &str) -> String {
    let admin = std::env::var("POSTGRES_URL").expect("POSTGRES_URL: run via cargo xtask test");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        for sql in [
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            format!("CREATE DATABASE {name}"),
        ] {
            sqlx::raw_sql(&sql).execute(&mut conn).await.unwrap();
        }
    });
    let (server, _) = admin.rsplit_once('/').unwrap();
    format!("{server}/{name}")
}

/// Posts `title` through nginx; the status the writer saw.
fn create(browser: &mut Browser, token: &str, title: &str) -> u16 {
    browser
        .request(
            "POST",
            "/create",
            Some(&[("csrf_token", token), ("title", title), ("body", "")]),
        )
        .status
}

#[test]
#[ignore = "needs postgres, redis and nginx: run via cargo xtask test"]
fn committed_posts_survive_a_killed_instance_and_a_database_restart() {
    let redis = std::env::var("REDIS_URL").expect("REDIS_URL: run via cargo xtask test");
    let database = fresh_database("flaskr_scale_out");
    let (a, b, front) = (free_port(), free_port(), free_port());
    // Both start at once, and both apply the migrations: the migrator's lock makes
    // one of them wait.
    let instance_a = start_instance(a, &database, &redis);
    let _instance_b = start_instance(b, &database, &redis);
    let dir = temp_dir("flaskr-scale-out");
    let _nginx = start_nginx(&dir, front, &[a, b]);

    let mut browser = Browser::new(front);
    for path in ["/auth/register", "/auth/login"] {
        let page = browser.request("GET", path, None);
        assert_eq!(page.status, 200, "{}", page.body);
        let token = csrf_token(&page.body);
        let fields = [
            ("csrf_token", token.as_str()),
            ("username", "ann"),
            ("password", "pw"),
        ];
        let reply = browser.request("POST", path, Some(&fields));
        assert_eq!(reply.status, 302, "{path}: {}", reply.body);
    }
    let token = csrf_token(&browser.request("GET", "/create", None).body);

    // An instance killed mid-load: four writers post at once through nginx; requests
    // in flight on the killed instance may fail (502 from nginx), and every post
    // answered with the redirect (committed) is in the database.
    let killed = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let mut writer = Browser {
                port: front,
                cookies: browser.cookies.clone(),
            };
            let (token, killed) = (token.clone(), Arc::clone(&killed));
            std::thread::spawn(move || {
                // Posts until ten have been sent after the kill.
                let (mut committed, mut after_kill, mut sent_after, mut failed) =
                    (BTreeSet::new(), 0, 0, 0);
                for i in 0..2000 {
                    let late = killed.load(Ordering::SeqCst);
                    let title = format!("kill {w}.{i}");
                    match create(&mut writer, &token, &title) {
                        302 => {
                            committed.insert(title);
                            after_kill += usize::from(late);
                        }
                        502 => failed += 1,
                        other => panic!("post {w}.{i} while an instance dies: {other}"),
                    }
                    sent_after += usize::from(late);
                    if sent_after == 10 {
                        break;
                    }
                }
                (committed, after_kill, failed)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    drop(instance_a); // SIGKILL, while the writers post
    killed.store(true, Ordering::SeqCst);
    let mut committed = BTreeSet::new();
    let (mut after_kill, mut failed) = (0, 0);
    for writer in writers {
        let (titles, late, lost_requests) = writer.join().unwrap();
        committed.extend(titles);
        after_kill += late;
        failed += lost_requests;
    }
    println!(
        "instance killed: {} posts committed ({after_kill} after the kill), {failed} answered 502",
        committed.len()
    );
    assert!(after_kill > 0, "the other instance goes on serving");
    let stored = titles(&database);
    assert!(
        committed.is_subset(&stored),
        "lost: {:?}",
        committed.difference(&stored)
    );

    // PostgreSQL restarted mid-load: 503s while it is down, then back by itself.
    let mut statuses = Vec::new();
    for i in 0..30 {
        if i == 10 {
            pg_ctl(&["stop", "-m", "fast"]);
        }
        if i == 20 {
            pg_ctl(&["start", "-l", "/dev/null"]);
        }
        let title = format!("restart {i}");
        let status = create(&mut browser, &token, &title);
        if status == 302 {
            committed.insert(title);
        }
        statuses.push(status);
    }
    assert!(statuses[..10].iter().all(|&s| s == 302), "{statuses:?}");
    assert!(
        statuses[10..20].iter().all(|&s| s == 503),
        "down: {statuses:?}"
    );
    // The first request after the restart may still meet a dead connection.
    assert!(
        statuses[21..].iter().all(|&s| s == 302),
        "recovered: {statuses:?}"
    );
    let stored = titles(&database);
    assert!(
        committed.is_subset(&stored),
        "lost: {:?}",
        committed.difference(&stored)
    );
    assert!(
        (10..20).all(|i| !stored.contains(&format!("restart {i}"))),
        "nothing is written while the database is down: {stored:?}"
    );

    // The site shows the posts, whichever instance answers.
    let index = browser.request("GET", "/", None);
    assert_eq!(index.status, 200);
    assert!(index.body.contains("restart 29"), "{}", index.body);
    let _ = std::fs::remove_dir_all(&dir);
}
