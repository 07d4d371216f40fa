//! `run --reload`'s supervisor with a stand-in build: the "build" replaces the app's
//! binary with its twin that answers differently (as `cargo build` replaces it), so
//! the test sees the restart on the same port without compiling anything. The real
//! `cargo build` is in `reload_cargo.rs`.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use framework_core::cli::{Cli, Outcome, Reloader};
use framework_core::prelude::*;
use test_support::http::raw_get;
use test_support::temp_dir;

/// Polls `/` until the body is `want`; every request must be answered (the port
/// never refuses a connection, also during a restart).
fn wait_for_answer(port: u16, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let response = raw_get(port, "/").expect("the port answers, also during a restart");
        if response.ends_with(&format!("\r\n\r\n{want}")) {
            return;
        }
        assert!(
            response.starts_with("HTTP/1.1 200"),
            "every request during a restart is answered: {response:?}"
        );
        assert!(
            Instant::now() < deadline,
            "no {want:?} after 30 s: {response:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_for_file(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_rebuilds_and_restarts_the_app_on_the_same_port() {
    let dir = temp_dir("reload-supervisor");
    let src = dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("main.rs"), "v1").unwrap();
    let app = dir.join("app");
    std::fs::copy(env!("CARGO_BIN_EXE_reload-v1"), &app).unwrap();
    // The stand-in for `cargo build`: fails while the source says `broken`, else puts
    // the twin in place; it leaves a mark for each run.
    let build = format!(
        "touch '{dir}/build-'\"$(ls '{dir}' | grep -c build-)\"; \
         if grep -q broken '{src}/main.rs'; then echo 'error: broken' >&2; exit 1; fi; \
         cp '{v2}' '{dir}/app.new' && mv '{dir}/app.new' '{app}'",
        dir = dir.display(),
        src = src.display(),
        v2 = env!("CARGO_BIN_EXE_reload-v2"),
        app = app.display(),
    );
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let reloader = Reloader::new(listener)
        .watch(&src)
        .build_command(["sh", "-c", &build])
        .app_command([app.as_os_str(), "run".as_ref()]);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let supervisor = tokio::spawn(reloader.run(async {
        let _ = stopped.await;
    }));

    let checks = tokio::task::spawn_blocking(move || {
        wait_for_answer(port, "v1");
        // A failed build: reported, and the running app keeps serving.
        std::fs::write(src.join("main.rs"), "broken").unwrap();
        wait_for_file(&dir.join("build-0"));
        // The mark is made when the build starts: give it the time to fail.
        std::thread::sleep(Duration::from_millis(500));
        wait_for_answer(port, "v1");
        // A good build: the twin answers on the same port.
        std::fs::write(src.join("main.rs"), "v2").unwrap();
        wait_for_answer(port, "v2");
        assert!(dir.join("build-1").exists());
        let _ = stop.send(());
    });
    checks.await.expect("the checks pass");
    supervisor
        .await
        .unwrap()
        .expect("the supervisor stops cleanly");
    // The supervisor closed its socket and stopped the app: nothing listens now.
    assert!(TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err());
}

#[get("/")]
async fn index() -> &'static str {
    "index"
}

#[test]
fn reload_is_refused_in_production() {
    let mut out = Vec::new();
    let outcome = Cli::new("app", App::new().register(routes![index])).run_with(
        ["app", "run", "--reload"],
        [
            ("APP_ENV".to_owned(), "production".to_owned()),
            ("SECRET_KEY".to_owned(), "x".repeat(64)),
        ],
        &mut out,
    );
    assert_eq!(outcome, Outcome::Failed);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("`run --reload` is for development") && out.contains("APP_ENV"),
        "{out}"
    );
}
