//! Logging: the subscriber `Cli` installs (to stderr, `RUST_LOG`, colour only on a
//! terminal) and the line logged for each request (`LOG_REQUESTS`).

mod filter;
mod requests;

pub(crate) use requests::log_request;

use std::io::IsTerminal;

use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Logs to stderr, filtered by `RUST_LOG` (default `info`), in colour only when
/// stderr is a terminal (a file or a pipe gets plain text) and `NO_COLOR` is not
/// set. Does nothing if the program already installed a subscriber.
///
/// `RUST_LOG` takes `env_logger`'s directives: a level (`warn`), a target and its
/// level (`flaskr=debug`), or several, comma-separated (`warn,flaskr=info`). A value
/// it cannot read is reported on the log, naming `RUST_LOG`, and `info` is used.
///
/// ```
/// framework_core::logging::init_tracing();
/// tracing::info!("shown on stderr");
/// ```
pub fn init_tracing() {
    let (filter, mistake) = rust_log_filter(std::env::var("RUST_LOG"));
    let installed = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(use_colour(
            std::io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR"),
        ))
        .finish()
        .with(filter)
        .try_init();
    if let (Ok(()), Some(mistake)) = (installed, mistake) {
        tracing::warn!("{mistake}");
    }
}

/// The filter `RUST_LOG` asks for, or the default with the reason it was not used.
fn rust_log_filter(value: Result<String, std::env::VarError>) -> (Targets, Option<String>) {
    let default = filter::default_filter;
    match value {
        Ok(text) => match filter::parse(&text) {
            Ok(filter) => (filter, None),
            Err(mistake) => (
                default(),
                Some(format!(
                    "RUST_LOG={text:?} is not used, logging at info: {mistake}"
                )),
            ),
        },
        Err(std::env::VarError::NotPresent) => (default(), None),
        Err(std::env::VarError::NotUnicode(_)) => (
            default(),
            Some("RUST_LOG is not UTF-8 and is not used, logging at info".to_owned()),
        ),
    }
}

/// Colour for a terminal, unless `NO_COLOR` is set to anything but the empty string
/// (<https://no-color.org>).
fn use_colour(terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    terminal && no_color.is_none_or(|value| value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::{rust_log_filter, use_colour};
    use tracing::Level;

    #[test]
    fn an_unreadable_rust_log_falls_back_to_info_and_says_why() {
        let (filter, mistake) = rust_log_filter(Ok("flaskr=loud".into()));
        assert!(filter.would_enable("flaskr", &Level::INFO));
        assert!(!filter.would_enable("flaskr", &Level::DEBUG));
        let mistake = mistake.unwrap();
        assert!(
            mistake.starts_with("RUST_LOG=\"flaskr=loud\" is not used"),
            "{mistake}"
        );

        let (filter, mistake) = rust_log_filter(Err(std::env::VarError::NotPresent));
        assert!(filter.would_enable("app", &Level::INFO) && mistake.is_none());
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, None));
        assert!(!use_colour(false, None));
        assert!(!use_colour(true, Some("1".into())));
        assert!(use_colour(true, Some("".into())));
    }
}
