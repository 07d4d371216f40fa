//! Which error handler takes an error.
//!
//! An error raised by a hook or a view is looked up in this order, each step going
//! through the scopes innermost first (the route's blueprint, then the app):
//!
//! 1. a handler for the error's type (`#[errorhandler(NoSuchPost)]`);
//! 2. for an HTTP error ([`Error::is_http`]): a handler for its status
//!    (`#[errorhandler(404)]`), then one for every HTTP error
//!    (`#[errorhandler(HttpError)]`);
//! 3. a handler for every error (`#[errorhandler(AnyError)]`).
//!
//! A failure (a 500 from `?` or a panic) that none of these takes, or an error raised
//! while handling one, becomes a 500 HTTP error and is looked up again from step 2:
//! so `#[errorhandler(500)]` sees every failure, as in Flask.

use super::chain::ScopeHandlers;
use crate::Error;
use crate::hooks::{ErrorFn, ErrorKey};

/// The handler for an error raised by a hook or a view, if any.
pub(crate) fn for_raised(handlers: &[ScopeHandlers], error: &Error) -> Option<ErrorFn> {
    let by_type = || {
        let id = error.source_type()?;
        first(
            handlers,
            |key| matches!(key, ErrorKey::Type { id: t, .. } if *t == id),
        )
    };
    by_type()
        .or_else(|| {
            error
                .is_http()
                .then(|| by_status(handlers, error.status().as_u16()))
                .flatten()
        })
        .or_else(|| first(handlers, |key| matches!(key, ErrorKey::Any)))
}

/// The handler for a failure turned into a 500.
pub(crate) fn for_internal(handlers: &[ScopeHandlers]) -> Option<ErrorFn> {
    by_status(handlers, 500).or_else(|| first(handlers, |key| matches!(key, ErrorKey::Any)))
}

/// A handler for this status, then one for every HTTP error.
fn by_status(handlers: &[ScopeHandlers], status: u16) -> Option<ErrorFn> {
    first(
        handlers,
        |key| matches!(key, ErrorKey::Status(code) if *code == status),
    )
    .or_else(|| first(handlers, |key| matches!(key, ErrorKey::Http)))
}

/// The first handler, innermost scope first, whose key fits.
fn first(handlers: &[ScopeHandlers], fits: impl Fn(&ErrorKey) -> bool) -> Option<ErrorFn> {
    handlers
        .iter()
        .flat_map(|scope| scope.iter())
        .find(|(key, _)| fits(key))
        .map(|(_, f)| *f)
}
