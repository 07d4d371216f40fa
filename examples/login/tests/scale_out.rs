//! Scale-out: Redis, two instances of this app on two ports, and nginx balancing
//! round-robin in front of them, all on 127.0.0.1. A visitor logs in through nginx;
//! the session, flashed messages and CSRF token work whichever instance answers.
//!
//! `cargo xtask test` installs `redis-server` and `nginx` (Debian packages) when
//! missing and starts Redis (`REDIS_URL`); this test starts the app instances and
//! nginx itself, on free loopback ports, and stops them when it ends.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

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

fn start_nginx(dir: &Path, port: u16, upstreams: &[u16]) -> Running {
    let servers: String = upstreams
        .iter()
        .map(|p| format!("        server 127.0.0.1:{p};\n"))
        .collect();
    let config = format!(
        "worker_processes 1;\n\
         error_log {dir}/error.log warn;\n\
         pid {dir}/nginx.pid;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n\
             access_log off;\n\
             client_body_temp_path {dir}/body;\n\
             proxy_temp_path {dir}/proxy;\n\
             fastcgi_temp_path {dir}/fastcgi;\n\
             uwsgi_temp_path {dir}/uwsgi;\n\
             scgi_temp_path {dir}/scgi;\n\
             upstream app {{\n{servers}    }}\n\
             server {{\n\
                 listen 127.0.0.1:{port};\n\
                 location / {{\n\
                     proxy_pass http://app;\n\
                     proxy_set_header Host $http_host;\n\
                 }}\n\
             }}\n\
         }}\n",
        dir = dir.display()
    );
    let path = dir.join("nginx.conf");
    std::fs::write(&path, config).unwrap();
    let running = Running::spawn(
        Command::new("nginx")
            .args(["-e", &dir.join("error.log").display().to_string()])
            .args([
                "-p",
                &dir.display().to_string(),
                "-c",
                &path.display().to_string(),
            ])
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null()),
        "nginx (cargo xtask test installs it)",
    );
    wait_for_port(port, "nginx");
    running
}

/// A response as the test needs it.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A browser-like client: one cookie jar, HTTP/1.1 with `Connection: close`.
struct Browser {
    port: u16,
    cookies: BTreeMap<String, String>,
}

impl Browser {
    fn request(&mut self, method: &str, path: &str, form: Option<&[(&str, &str)]>) -> Reply {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let body = form
            .map(|fields| {
                fields
                    .iter()
                    .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                    .collect::<Vec<_>>()
                    .join("&")
            })
            .unwrap_or_default();
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.port,
            body.len()
        );
        if form.is_some() {
            head.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        }
        if !cookie.is_empty() {
            head.push_str(&format!("Cookie: {}\r\n", cookie.join("; ")));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        for (name, value) in &headers {
            if name.eq_ignore_ascii_case("set-cookie") {
                let pair = value.split(';').next().unwrap_or("");
                if let Some((k, v)) = pair.split_once('=') {
                    if value.contains("Max-Age=0") {
                        self.cookies.remove(k);
                    } else {
                        self.cookies.insert(k.to_owned(), v.to_owned());
                    }
                }
            }
        }
        Reply {
            status,
            headers,
            body: body.to_owned(),
        }
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of the hidden `csrf_token` field in a page.
fn csrf_token(page: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).expect("a csrf_token field") + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
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
    let mut browser = Browser {
        port: front,
        cookies: BTreeMap::new(),
    };
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
