//! The `RUST_LOG` filter: `env_logger`'s directives (`level`, `target=level`,
//! `target`, comma-separated), read into a [`Targets`] filter.
//!
//! Span and field directives (`target[span{field=value}]=level`) are refused with a
//! message rather than misread: they need `EnvFilter`, whose regex engine every app
//! would carry in its binary for a feature few set.

use std::str::FromStr;

use tracing_subscriber::filter::{LevelFilter, Targets};

/// The filter used when `RUST_LOG` is unset, empty or cannot be read: `info` for
/// every target.
pub(crate) fn default_filter() -> Targets {
    Targets::new().with_default(LevelFilter::INFO)
}

/// Reads a `RUST_LOG` value. A directive with no `=` is a level if it names one
/// (`off`, `error`, `warn`, `info`, `debug`, `trace`, any case) and otherwise a target
/// shown at every level, as `env_logger` reads it. Empty directives (a trailing comma)
/// are skipped; a value with no directive at all means the default, `info`.
/// Targets match as prefixes of an event's target (`framework_core` covers
/// `framework_core::request`); events no directive covers are not shown.
pub(crate) fn parse(text: &str) -> Result<Targets, String> {
    let directives = text.split(',').map(str::trim).filter(|d| !d.is_empty());
    if directives.clone().next().is_none() {
        return Ok(default_filter());
    }
    let mut targets = Targets::new();
    for directive in directives {
        if directive.contains(['[', ']', '{', '}']) {
            return Err(format!(
                "`{directive}` filters on spans or fields, which is not supported: \
                 write `target=level` or `level`"
            ));
        }
        match directive.split_once('=') {
            Some((target, level)) => {
                let target = target.trim();
                if target.is_empty() {
                    return Err(format!("`{directive}` names no target before `=`"));
                }
                targets = targets.with_target(target, level_named(level.trim(), directive)?);
            }
            None => match LevelFilter::from_str(directive) {
                Ok(level) => targets = targets.with_default(level),
                Err(_) => targets = targets.with_target(directive, LevelFilter::TRACE),
            },
        }
    }
    Ok(targets)
}

fn level_named(level: &str, directive: &str) -> Result<LevelFilter, String> {
    LevelFilter::from_str(level).map_err(|_| {
        format!("`{directive}`: `{level}` is not a level (off, error, warn, info, debug or trace)")
    })
}

#[cfg(test)]
mod tests {
    use super::parse;
    use tracing::Level;
    use tracing_subscriber::filter::Targets;

    fn shows(filter: &Targets, target: &str, level: Level) -> bool {
        filter.would_enable(target, &level)
    }

    #[test]
    fn a_bare_level_is_the_default_for_every_target() {
        let filter = parse("warn").unwrap();
        assert!(shows(&filter, "app", Level::WARN));
        assert!(shows(&filter, "framework_core::request", Level::ERROR));
        assert!(!shows(&filter, "app", Level::INFO));
    }

    #[test]
    fn a_target_level_overrides_the_default_for_that_prefix() {
        let filter = parse("warn,flaskr=info, framework_core::request = off").unwrap();
        assert!(shows(&filter, "flaskr::auth", Level::INFO));
        assert!(!shows(&filter, "flaskr::auth", Level::DEBUG));
        assert!(!shows(&filter, "framework_core::request", Level::ERROR));
        assert!(shows(&filter, "framework_core::app", Level::WARN));
        assert!(!shows(&filter, "hyper", Level::INFO));
    }

    #[test]
    fn a_bare_target_is_shown_at_every_level_and_nothing_else_is() {
        let filter = parse("flaskr").unwrap();
        assert!(shows(&filter, "flaskr", Level::TRACE));
        assert!(!shows(&filter, "hyper", Level::ERROR));
    }

    #[test]
    fn levels_are_read_in_any_case_and_empty_directives_are_skipped() {
        let filter = parse("DEBUG,").unwrap();
        assert!(shows(&filter, "app", Level::DEBUG));
        assert!(!shows(&filter, "app", Level::TRACE));
        let empty = parse(" , ").unwrap();
        assert!(shows(&empty, "app", Level::INFO) && !shows(&empty, "app", Level::DEBUG));
    }

    #[test]
    fn a_mistake_is_named_in_the_message() {
        let error = parse("info,flaskr=loud").unwrap_err();
        assert!(error.contains("`flaskr=loud`") && error.contains("`loud` is not a level"));
        let error = parse("flaskr[request{id=1}]=debug").unwrap_err();
        assert!(error.contains("spans or fields"), "{error}");
        assert!(parse("=debug").unwrap_err().contains("names no target"));
    }
}
