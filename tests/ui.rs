//! Compile-fail tests of the macros (trybuild). Each file under `ui/*/fail/` must
//! fail to build with exactly the `.stderr` beside it. Each under `ui/*/pass/` must
//! build and run: those are test targets of this package (see its `Cargo.toml`),
//! and this checks that every one is listed. The `.stderr` files depend on the
//! compiler version; regenerate with `TRYBUILD=overwrite cargo test -p framework-tests --test ui`, then
//! read every one as a user would. `ui/TOOLCHAIN` names the compiler they were made
//! with; another compiler fails here at once, saying so, instead of with a diff in
//! every snapshot.
//! `UI_ONLY=word` runs only the files named with it, `UI_ONLY=url_for/` one folder.
//!
//! The `ui/db` cases check SQL against flaskr's schema: before the build, this makes a
//! SQLite file from flaskr's migrations and names it in a `.env` above trybuild's
//! project, where sqlx's query macros look for `DATABASE_URL`.
#![forbid(unsafe_code)]

use std::path::PathBuf;

#[test]
fn ui() {
    same_compiler_as_the_snapshots();
    schema_for_query_macros();
    let t = trybuild::TestCases::new();
    // `UI_ONLY=rate_limit` runs only the cases whose file names contain it, and
    // `UI_ONLY=url_for/` those of one folder; several are separated by commas.
    let patterns = |kind: &str| -> Vec<String> {
        match std::env::var("UI_ONLY") {
            Ok(only) if !only.is_empty() => only
                .split(',')
                .map(|word| match word.strip_suffix('/') {
                    Some(folder) => format!("ui/{folder}/{kind}/*.rs"),
                    None => format!("ui/*/{kind}/*{word}*.rs"),
                })
                .collect(),
            _ => vec![format!("ui/*/{kind}/*.rs")],
        }
    };
    for pattern in patterns("fail") {
        t.compile_fail(pattern);
    }
}

/// A pass case missing from `Cargo.toml` would never be built: each file under
/// `ui/*/pass/` must be the path of a test target.
#[test]
fn every_pass_case_is_a_test_target() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let mut missing = Vec::new();
    let mut found = 0;
    for group in std::fs::read_dir(root.join("ui")).unwrap() {
        let pass = group.unwrap().path().join("pass");
        let Ok(cases) = std::fs::read_dir(&pass) else {
            continue;
        };
        for case in cases {
            let path = case.unwrap().path();
            let relative = path.strip_prefix(&root).unwrap().display().to_string();
            found += 1;
            if !manifest.contains(&format!("path = \"{relative}\"")) {
                missing.push(relative);
            }
        }
    }
    assert!(found > 0, "no pass cases found under ui/*/pass");
    assert!(
        missing.is_empty(),
        "pass cases not listed as `[[test]]` targets (with `harness = false`) in \
         tests/Cargo.toml: {missing:?}"
    );
}

/// The snapshots hold rustc's own messages, which change between releases.
fn same_compiler_as_the_snapshots() {
    let pinned = include_str!("ui/TOOLCHAIN").trim();
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = std::process::Command::new(&rustc)
        .arg("--version")
        .output()
        .expect("rustc --version runs");
    let version = String::from_utf8_lossy(&output.stdout);
    assert!(
        version.starts_with(&format!("{pinned} ")),
        "the UI snapshots were made with {pinned}, this is {}: build with that \
         compiler (`rustup run {} cargo test ...`), or regenerate them with \
         `TRYBUILD=overwrite cargo test -p framework-tests --test ui`, read every \
         changed .stderr, and update tests/ui/TOOLCHAIN",
        version.trim(),
        pinned.trim_start_matches("rustc "),
    );
}

fn schema_for_query_macros() {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let dir = target.join("tests/trybuild");
    std::fs::create_dir_all(&dir).unwrap();
    let dir = dir.canonicalize().unwrap();
    let file = dir.join("flaskr-schema.sqlite");
    let _ = std::fs::remove_file(&file);
    let url = format!("sqlite://{}", file.display());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use sqlx::{ConnectOptions, Executor};
        let options: sqlx::sqlite::SqliteConnectOptions = url.parse().unwrap();
        let mut conn = options.create_if_missing(true).connect().await.unwrap();
        conn.execute(include_str!(
            "../examples/flaskr/migrations/sqlite/0001_create_user_and_post.sql"
        ))
        .await
        .unwrap();
    });
    std::fs::write(dir.join(".env"), format!("DATABASE_URL={url}\n")).unwrap();
}

/// No expected message names what generated code reaches the runtime through (the
/// hidden `__private` path, `__fw_` names, a dependency's private module): a user
/// could not write or look up any of it.
#[test]
fn no_message_shows_an_internal_name() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui");
    let mut shown = Vec::new();
    for group in std::fs::read_dir(&root).unwrap() {
        let Ok(cases) = std::fs::read_dir(group.unwrap().path().join("fail")) else {
            continue;
        };
        for case in cases {
            let path = case.unwrap().path();
            if path.extension().is_none_or(|e| e != "stderr") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for internal in ["__private", "__fw", "__Fw", "::private::"] {
                if text.contains(internal) {
                    shown.push(format!("{}: {internal}", path.display()));
                }
            }
        }
    }
    assert!(
        shown.is_empty(),
        "messages that show internal names: {shown:#?}"
    );
}
