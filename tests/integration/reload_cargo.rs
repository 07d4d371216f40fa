//! `run --reload` for real: a copy of a small app in a temporary folder, started with
//! `run --reload`, rebuilt by `cargo build` after its handler is edited, answering
//! the new text on the same port without ever refusing a connection.

use std::net::{Ipv4Addr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use test_support::http::raw_get;
use test_support::{Running, free_port, temp_dir};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// A crate of its own (not a member of this workspace) with the twin app's source,
/// this workspace's lock file and profiles, building into this workspace's target
/// folder so the framework's dependencies are not compiled again.
fn copy_app(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::copy(
        workspace().join("tests/bin/reload_v1.rs"),
        dir.join("src/main.rs"),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let manifest = format!(
        r#"[package]
name = "reload-demo"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
framework-core = {{ path = "{core}" }}

[workspace]

[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false
"#,
        core = workspace().join("framework-core").display()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
}

fn wait_for_answer(port: u16, want: &str, within: Duration) {
    let deadline = Instant::now() + within;
    loop {
        if raw_get(port, "/").is_some_and(|response| response.ends_with(&format!("\r\n\r\n{want}")))
        {
            return;
        }
        assert!(Instant::now() < deadline, "no {want:?} within {within:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[ignore = "runs cargo build of a copied app: run via cargo xtask test"]
fn an_edited_handler_is_rebuilt_and_served_on_the_same_port() {
    let dir = temp_dir("reload-cargo");
    copy_app(&dir);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let built = Command::new(&cargo)
        .args(["build", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir())
        .status()
        .expect("cargo runs");
    assert!(built.success(), "the copied app builds");
    let port = free_port();
    let parent = Running::spawn(
        Command::new(target_dir().join("debug/reload-demo"))
            .args(["run", "--reload", "--port", &port.to_string()])
            .current_dir(&dir)
            .env("CARGO_MANIFEST_DIR", &dir)
            .env("CARGO_TARGET_DIR", target_dir())
            .env("CARGO", &cargo),
        "reload-demo run --reload",
    );
    wait_for_answer(port, "v1", Duration::from_secs(30));

    let source = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
    std::fs::write(dir.join("src/main.rs"), source.replace("\"v1\"", "\"v2\"")).unwrap();
    // During the rebuild and the restart the old app answers, then the new one: the
    // port is never closed.
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let response = raw_get(port, "/").expect("the port answers during the rebuild");
        if response.ends_with("\r\n\r\nv2") {
            break;
        }
        assert!(response.ends_with("\r\n\r\nv1"), "{response:?}");
        assert!(Instant::now() < deadline, "no rebuilt app within 300 s");
        std::thread::sleep(Duration::from_millis(100));
    }

    parent.terminate();
    assert!(
        TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err(),
        "SIGTERM stops the supervisor and its app"
    );
}
