//! What flaskr's tests that run the real binary share: an instance on a port with
//! its log captured, and a `Set-Cookie` jar. Each test binary uses part of it.
#![allow(dead_code)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use test_support::{Running, wait_for_port};

/// A flaskr process and the file its log goes to.
pub struct Instance {
    pub port: u16,
    pub log: PathBuf,
    pub process: Running,
}

impl Instance {
    /// Starts flaskr on 127.0.0.1:`port` with `settings` (environment variables),
    /// its output in `dir/flaskr-PORT.log`, and waits until it listens.
    pub fn start(dir: &Path, port: u16, settings: &[(&str, &str)]) -> Instance {
        let log = dir.join(format!("flaskr-{port}.log"));
        let out = File::create(&log).unwrap();
        let err = out.try_clone().unwrap();
        let process = Running::spawn(
            Command::new(env!("CARGO_BIN_EXE_flaskr"))
                .args(["run", "--host", "127.0.0.1", "--port", &port.to_string()])
                .env("RUST_LOG", "warn,flaskr=info")
                .envs(settings.iter().copied())
                .stdin(Stdio::null())
                .stdout(out)
                .stderr(err),
            "the flaskr binary",
        );
        wait_for_port(port, "flaskr");
        Instance { port, log, process }
    }

    /// What the instance has logged so far.
    pub fn logged(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// A cookie jar fed with `Set-Cookie` header values.
#[derive(Default)]
pub struct Jar(pub std::collections::BTreeMap<String, String>);

impl Jar {
    /// Keeps the cookies of `set_cookie` values (a `Max-Age=0` one removes it).
    pub fn store<'a>(&mut self, set_cookie: impl IntoIterator<Item = &'a str>) {
        for value in set_cookie {
            let pair = value.split(';').next().unwrap_or("");
            if let Some((name, content)) = pair.split_once('=') {
                if value.contains("Max-Age=0") {
                    self.0.remove(name.trim());
                } else {
                    self.0.insert(name.trim().to_owned(), content.to_owned());
                }
            }
        }
    }

    /// The `Cookie` header value.
    pub fn header(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}
