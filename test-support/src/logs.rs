//! What the code under test logged, per test, whichever other tests run in the
//! same binary at the same time.
//!
//! One global `tracing` subscriber, installed once per test binary, writes every
//! line (at `info` and above, `debug` for `framework_identity`) to the test's
//! output and to a shared buffer. A [`Capture`] is a span with a number of its own:
//! what runs inside it (`.instrument(capture.span())`) carries that number in
//! its lines, and [`Capture::lines`] returns those. A global subscriber, rather
//! than one per test (`set_default`), because callsite interest is cached across
//! dispatchers: a per-thread subscriber can miss an event another test's
//! subscriber made uninteresting.
//!
//! ```
//! use test_support::logs::Capture;
//!
//! let capture = Capture::new();
//! capture.span().in_scope(|| tracing::warn!(user = "ada", "login failed"));
//! let lines = capture.lines();
//! assert_eq!(lines.len(), 1);
//! assert!(lines[0].contains("WARN") && lines[0].contains("login failed user=\"ada\""));
//! ```

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;

/// Every line logged in this test binary since [`install`].
static LINES: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Installs the capturing subscriber, once; later calls do nothing. [`Capture::new`]
/// calls it; call it directly where a test binary logs without capturing, so its
/// lines still show in the test's output.
pub fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let filter = Targets::new()
            .with_default(LevelFilter::INFO)
            .with_target("framework_identity", LevelFilter::DEBUG);
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(Tee)
            .finish()
            .with(filter);
        // Another global subscriber set first would get every line instead: fail
        // loudly rather than capture nothing.
        tracing::subscriber::set_global_default(subscriber)
            .expect("test_support::logs installs the only global tracing subscriber");
    });
}

/// Writes each line to the test's output and to [`LINES`].
struct Tee;

struct TeeWriter;

impl<'a> MakeWriter<'a> for Tee {
    type Writer = TeeWriter;
    fn make_writer(&'a self) -> TeeWriter {
        TeeWriter
    }
}

impl Write for TeeWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        // `eprint!` goes to the test harness's capture of this thread's output.
        eprint!("{}", String::from_utf8_lossy(bytes));
        LINES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The lines logged inside one span of a test.
pub struct Capture {
    id: u64,
    span: tracing::Span,
}

impl Capture {
    /// A capture with a number no other capture of this binary has.
    pub fn new() -> Self {
        install();
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let span = tracing::info_span!("log_capture", id);
        Capture { id, span }
    }

    /// The span to run the code under test in (`.instrument(capture.span())`).
    pub fn span(&self) -> tracing::Span {
        self.span.clone()
    }

    /// The lines logged inside [`Capture::span`] so far.
    pub fn lines(&self) -> Vec<String> {
        let marker = format!("log_capture{{id={}}}", self.id);
        let all = LINES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        String::from_utf8_lossy(&all)
            .lines()
            .filter(|line| line.contains(&marker))
            .map(str::to_owned)
            .collect()
    }
}

impl Default for Capture {
    fn default() -> Self {
        Self::new()
    }
}
