//! Logging: the subscriber `Cli` installs (to stderr, `RUST_LOG`, colour only on a
//! terminal) and the line logged for each request (`LOG_REQUESTS`).

mod requests;

pub(crate) use requests::log_request;

use std::io::IsTerminal;

/// Logs to stderr, filtered by `RUST_LOG` (default `info`), in colour only when
/// stderr is a terminal (a file or a pipe gets plain text) and `NO_COLOR` is not
/// set. Does nothing if the program already installed a subscriber.
///
/// ```
/// framework_core::logging::init_tracing();
/// tracing::info!("shown on stderr");
/// ```
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(use_colour(
            std::io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR"),
        ))
        .try_init();
}

/// Colour for a terminal, unless `NO_COLOR` is set to anything but the empty string
/// (<https://no-color.org>).
fn use_colour(terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    terminal && no_color.is_none_or(|value| value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::use_colour;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, None));
        assert!(!use_colour(false, None));
        assert!(!use_colour(true, Some("1".into())));
        assert!(use_colour(true, Some("".into())));
    }
}
