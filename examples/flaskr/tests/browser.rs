//! End to end, as a person would use it: Debian's Chromium, driven headless through
//! chromedriver (the W3C WebDriver protocol), registers, logs in, writes, edits and
//! deletes a post on a real `flaskr` server, and reads the pages it is shown.
//!
//! `cargo xtask test` installs `chromium` and `chromium-driver` when missing. Every
//! process is started here, on free 127.0.0.1 ports, and stopped at the end.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use test_support::{Running, free_port, temp_dir, wait_for_port};

/// A minimal WebDriver client: JSON over HTTP/1.1 to chromedriver on loopback.
struct Browser {
    port: u16,
    session: String,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn call(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
    try_call(port, method, path, body).unwrap_or_else(|error| panic!("{error}"))
}

fn try_call(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let payload = read_response(&mut stream);
    let value: Value = serde_json::from_str(&payload)
        .unwrap_or_else(|e| panic!("chromedriver answered {method} {path} with {payload:?}: {e}"));
    if let Some(error) = value["value"]["error"].as_str() {
        return Err(format!(
            "{method} {path}: {error}: {}",
            value["value"]["message"]
        ));
    }
    Ok(value["value"].clone())
}

/// Retries `f` for up to 10 s: pages load after a click without telling anyone.
fn eventually<T>(what: &str, mut f: impl FnMut() -> Result<T, String>) -> T {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match f() {
            Ok(value) => return value,
            Err(error) if Instant::now() > deadline => panic!("{what}: {error}"),
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// Reads one HTTP response's body (by `Content-Length` or chunks): chromedriver may
/// keep the connection open.
fn read_response(stream: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "chromedriver closed the connection");
        raw.extend_from_slice(&buf[..n]);
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    match length {
        Some(length) => {
            while raw.len() < head_end + length {
                let n = stream.read(&mut buf).unwrap();
                assert!(n > 0, "chromedriver closed the connection early");
                raw.extend_from_slice(&buf[..n]);
            }
            String::from_utf8_lossy(&raw[head_end..head_end + length]).into_owned()
        }
        None => {
            // Chunked: read until the last chunk.
            while !raw.ends_with(b"0\r\n\r\n") {
                let n = stream.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                raw.extend_from_slice(&buf[..n]);
            }
            dechunk(&String::from_utf8_lossy(&raw[head_end..]))
        }
    }
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 {
            break;
        }
        let (Some(chunk), Some(next)) = (after.get(..size), after.get(size + 2..)) else {
            break;
        };
        out.push_str(chunk);
        rest = next;
    }
    out
}

impl Browser {
    fn start(port: u16, profile: &str) -> Browser {
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        format!("--user-data-dir={profile}")
                    ]
                }
            }}
        });
        let value = call(port, "POST", "/session", Some(&capabilities));
        Browser {
            port,
            session: value["sessionId"].as_str().unwrap().to_owned(),
        }
    }

    fn at(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    fn go(&self, url: &str) {
        call(
            self.port,
            "POST",
            &self.at("/url"),
            Some(&json!({ "url": url })),
        );
    }

    fn title(&self) -> String {
        call(self.port, "GET", &self.at("/title"), None)
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn url(&self) -> String {
        call(self.port, "GET", &self.at("/url"), None)
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The text a person sees on the page.
    fn text(&self) -> String {
        eventually("read the page", || {
            let body = self.find("body");
            let value = try_call(
                self.port,
                "GET",
                &self.at(&format!("/element/{body}/text")),
                None,
            )?;
            value
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("no text in {value}"))
        })
    }

    fn find(&self, css: &str) -> String {
        eventually(&format!("find {css:?}"), || {
            let value = try_call(
                self.port,
                "POST",
                &self.at("/element"),
                Some(&json!({ "using": "css selector", "value": css })),
            )?;
            value[ELEMENT]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("no element in {value}"))
        })
    }

    /// Waits until the page's title is `title` (after a click, the next page loads).
    fn wait_title(&self, title: &str) {
        eventually(&format!("title {title:?}"), || {
            let now = self.title();
            if now == title {
                Ok(())
            } else {
                Err(format!("the title is {now:?}"))
            }
        });
    }

    /// Waits until the visible text contains `needle`.
    fn wait_text(&self, needle: &str) -> String {
        eventually(&format!("text {needle:?}"), || {
            let text = self.text();
            if text.contains(needle) {
                Ok(text)
            } else {
                Err(format!("the page says {text:?}"))
            }
        })
    }

    fn fill(&self, css: &str, text: &str) {
        let element = self.find(css);
        call(
            self.port,
            "POST",
            &self.at(&format!("/element/{element}/clear")),
            Some(&json!({})),
        );
        call(
            self.port,
            "POST",
            &self.at(&format!("/element/{element}/value")),
            Some(&json!({ "text": text })),
        );
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        call(
            self.port,
            "POST",
            &self.at(&format!("/element/{element}/click")),
            Some(&json!({})),
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let path = self.at("");
        let _ = std::panic::catch_unwind(|| call(self.port, "DELETE", &path, None));
    }
}

#[test]
#[ignore = "needs chromium: run via cargo xtask test"]
fn a_person_registers_logs_in_writes_edits_and_deletes_a_post() {
    let dir = temp_dir("flaskr-browser");
    let (app_port, driver_port) = (free_port(), free_port());
    let _app = Running::spawn(
        Command::new(env!("CARGO_BIN_EXE_flaskr"))
            .args([
                "run",
                "--host",
                "127.0.0.1",
                "--port",
                &app_port.to_string(),
            ])
            .env("FLASKR_DATABASE", dir.join("flaskr.sqlite"))
            .env("SECRET_KEY", "browser test")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null()),
        "the flaskr binary",
    );
    wait_for_port(app_port, "flaskr");
    let _driver = Running::spawn(
        Command::new("chromedriver")
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        "chromedriver (cargo xtask test installs chromium-driver)",
    );
    wait_for_port(driver_port, "chromedriver");
    let base = format!("http://127.0.0.1:{app_port}");
    let browser = Browser::start(driver_port, &dir.join("profile").display().to_string());

    // A visitor sees the index with Register and Log In.
    browser.go(&format!("{base}/"));
    assert_eq!(browser.title(), "Posts - Flaskr");
    let text = browser.text();
    assert!(
        text.contains("Register") && text.contains("Log In"),
        "{text}"
    );

    // Register; an empty password is refused by the browser (`required`), a taken
    // name by the app.
    browser.click("a[href='/auth/register']");
    browser.wait_title("Register - Flaskr");
    browser.fill("input[name=username]", "ferris");
    browser.fill("input[name=password]", "crab");
    browser.click("input[type=submit]");
    browser.wait_title("Log In - Flaskr");
    assert_eq!(browser.url(), format!("{base}/auth/login"));

    // A wrong password is flashed; the right one logs in.
    browser.fill("input[name=username]", "ferris");
    browser.fill("input[name=password]", "wrong");
    browser.click("input[type=submit]");
    browser.wait_text("Incorrect password.");
    browser.fill("input[name=username]", "ferris");
    browser.fill("input[name=password]", "crab");
    browser.click("input[type=submit]");
    browser.wait_title("Posts - Flaskr");
    assert_eq!(browser.url(), format!("{base}/"));
    let text = browser.wait_text("Log Out");
    assert!(text.contains("ferris"), "{text}");

    // Write a post.
    browser.click("a[href='/create']");
    browser.wait_title("New Post - Flaskr");
    browser.fill("input[name=title]", "Hello <world>");
    browser.fill("textarea[name=body]", "first line\nsecond line");
    browser.click("input[type=submit]");
    let text = browser.wait_text("Hello <world>");
    assert!(text.contains("by ferris on"), "{text}");
    assert!(
        text.contains("first line\nsecond line"),
        "newlines kept: {text}"
    );

    // Edit it.
    browser.click("a.action[href$='/update']");
    browser.wait_title("Edit \"Hello <world>\" - Flaskr");
    browser.fill("input[name=title]", "Edited");
    browser.click("form:first-of-type input[type=submit]");
    browser.wait_text("Edited");

    // Delete it (confirming the browser's dialog).
    browser.click("a.action[href$='/update']");
    browser.wait_title("Edit \"Edited\" - Flaskr");
    browser.click("input.danger");
    eventually("accept the confirmation", || {
        try_call(
            browser.port,
            "POST",
            &browser.at("/alert/accept"),
            Some(&json!({})),
        )
        .map(|_| ())
    });
    browser.wait_title("Posts - Flaskr");
    assert!(!browser.text().contains("Edited"), "{}", browser.text());

    // Log out.
    browser.click("a[href='/auth/logout']");
    browser.wait_text("Log In");
    drop(browser);
    let _ = std::fs::remove_dir_all(&dir);
}
