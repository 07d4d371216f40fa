//! Load for tests: many keep-alive connections, each sending its share of the
//! requests one after another, every answer read in full and counted.
//!
//! Plain threads and sockets, so it needs no runtime and runs the same against any
//! server on 127.0.0.1; a request that fails (refused, reset, a truncated answer)
//! is counted as an error with its reason, never retried.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a load run saw.
#[derive(Debug, Default)]
pub struct Tally {
    /// Answers by path and status.
    pub statuses: BTreeMap<(String, u16), usize>,
    /// Requests that got no complete answer, with the reason.
    pub errors: Vec<String>,
    /// From the first request sent to the last answer read.
    pub elapsed: Duration,
}

impl Tally {
    /// Answers with `status` to `path`.
    pub fn count(&self, path: &str, status: u16) -> usize {
        self.statuses
            .get(&(path.to_owned(), status))
            .copied()
            .unwrap_or(0)
    }

    /// Every complete answer.
    pub fn answered(&self) -> usize {
        self.statuses.values().sum()
    }
}

/// A complete answer: its status and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
    /// Whether the server said it closes the connection after it.
    pub close: bool,
}

/// Sends `requests` GET requests over `connections` keep-alive connections to
/// 127.0.0.1:`port`; request number `i` goes to `path(i)` (a path and query, with
/// any extra header lines after a `\n`, as `"/page\nCookie: a=b"`). A connection the
/// server closes is opened again for the next request; when it cannot be (the
/// server is gone), that connection's worker stops.
///
/// Errors start with what failed: `connect:`, `send:` (the request could not be
/// written), `no answer:` (the connection ended before the first byte of an answer:
/// the server never took the request), or anything else for an answer cut short.
///
/// ```no_run
/// let tally = test_support::load::run(8080, 16, 1000, |_| "/hello".to_owned());
/// assert!(tally.errors.is_empty(), "{:?}", tally.errors);
/// ```
pub fn run(
    port: u16,
    connections: usize,
    requests: usize,
    path: impl Fn(usize) -> String + Sync,
) -> Tally {
    let tally = Mutex::new(Tally::default());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for worker in 0..connections {
            let (tally, path) = (&tally, &path);
            scope.spawn(move || {
                let mut local = Tally::default();
                let mut connection: Option<BufReader<TcpStream>> = None;
                // Worker `w` sends requests w, w + connections, w + 2 × connections…
                for i in (worker..requests).step_by(connections) {
                    let request = path(i);
                    let target = request.split('\n').next().unwrap_or("/").to_owned();
                    match exchange(&mut connection, port, &request) {
                        Ok(answer) => {
                            *local.statuses.entry((target, answer.status)).or_default() += 1;
                            if answer.close {
                                connection = None;
                            }
                        }
                        Err(error) => {
                            let refused = error.starts_with("connect:");
                            local.errors.push(format!("{error} (GET {target})"));
                            connection = None;
                            if refused {
                                break;
                            }
                        }
                    }
                }
                let mut tally = tally.lock().unwrap();
                for (key, n) in local.statuses {
                    *tally.statuses.entry(key).or_default() += n;
                }
                tally.errors.extend(local.errors);
            });
        }
    });
    let mut tally = tally.into_inner().unwrap();
    tally.elapsed = started.elapsed();
    tally
}

/// One request on `connection` (opened first if there is none).
fn exchange(
    connection: &mut Option<BufReader<TcpStream>>,
    port: u16,
    request: &str,
) -> Result<Answer, String> {
    if connection.is_none() {
        let stream =
            TcpStream::connect((Ipv4Addr::LOCALHOST, port)).map_err(|e| format!("connect: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .map_err(|e| e.to_string())?;
        let _ = stream.set_nodelay(true);
        *connection = Some(BufReader::new(stream));
    }
    let reader = connection.as_mut().expect("opened above");
    let mut lines = request.split('\n');
    let target = lines.next().unwrap_or("/");
    let mut head = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
    for line in lines {
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    reader
        .get_mut()
        .write_all(head.as_bytes())
        .map_err(|e| format!("send: {e}"))?;
    read_answer(reader)
}

/// Reads one HTTP/1.1 answer: its head, then a `Content-Length` or chunked body.
pub fn read_answer(reader: &mut impl BufRead) -> Result<Answer, String> {
    let mut line = String::new();
    let read = reader
        .read_line(&mut line)
        .map_err(|e| format!("no answer: {e}"))?;
    if read == 0 {
        return Err("no answer: closed before its first byte".to_owned());
    }
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not a status line: {line:?}"))?;
    let (mut length, mut chunked, mut close) = (None, false, false);
    loop {
        line.clear();
        reader
            .read_line(&mut line)
            .map_err(|e| format!("read head: {e}"))?;
        if line.is_empty() {
            return Err("closed in the middle of a head".to_owned());
        }
        let field = line.trim_end();
        if field.is_empty() {
            break;
        }
        let Some((name, value)) = field.split_once(':') else {
            return Err(format!("not a header field: {field:?}"));
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse::<usize>().ok();
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        } else if name.eq_ignore_ascii_case("connection") {
            close = value.eq_ignore_ascii_case("close");
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            reader
                .read_line(&mut line)
                .map_err(|e| format!("read chunk size: {e}"))?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| format!("not a chunk size: {line:?}"))?;
            let mut chunk = vec![0; size + 2];
            reader
                .read_exact(&mut chunk)
                .map_err(|e| format!("truncated chunk: {e}"))?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = length {
        body.resize(length, 0);
        reader
            .read_exact(&mut body)
            .map_err(|e| format!("truncated body: {e}"))?;
    } else if status != 204 && status != 304 {
        reader
            .read_to_end(&mut body)
            .map_err(|e| format!("read body: {e}"))?;
        close = true;
    }
    Ok(Answer {
        status,
        body,
        close,
    })
}
