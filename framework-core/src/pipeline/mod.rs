//! The request pipeline: one function runs every request through its route's scope
//! chain, in Flask's order (`full_dispatch_request`, `handle_user_exception`,
//! `finalize_request`, `handle_exception`, `do_teardown_request`).
//!
//! A scope is the app or a blueprint. Each route has a chain of scopes, app first,
//! computed once when the app is built ([`Chain`]); unknown paths, wrong methods and
//! redirects run through the app's chain, the automatic `OPTIONS` answer through its
//! route's. For one request:
//!
//! 0. before anything else runs: a path and query longer than `MAX_URI_LENGTH` is
//!    refused with a 414, and, with `TRUSTED_HOSTS` set, a request naming another
//!    host with a 400;
//! 1. `before_request` hooks, app's first, each scope's in registration order; the
//!    first that answers (or fails) ends the phase and the view is skipped;
//! 2. the view;
//! 3. an error from 1 or 2 goes to the first matching error handler (see
//!    [`lookup`](self::lookup)); an HTTP error no handler takes is its default page;
//! 4. functions added by `G::after_this_request`, then `after_request` hooks,
//!    innermost scope first, each scope's in reverse registration order; always,
//!    also after an answer from a `before_request` hook or a handled error;
//! 5. a failure no handler took, or an error raised by an error handler or an
//!    `after_request` hook, becomes a 500 for the 500 handlers, and the after hooks
//!    run once more on that answer (their errors are then only logged);
//! 6. `teardown_request` hooks, innermost scope first, in reverse registration order,
//!    always (also after a panic, or when the client went away), with the error of
//!    step 5 if there was one;
//!
//! Around all of it and around the app's own layers, the router's outermost layer
//! (`security::Outermost`) first rewrites a request from a trusted proxy
//! (`TRUSTED_PROXIES`) as its client sent it (address, scheme, host, prefix), and
//! last adds the security headers a response does not have yet, whatever made it.

mod chain;
mod dispatch;
mod hosts;
pub(crate) mod lookup;
pub(crate) mod view;

pub use chain::{Chain, StatusMap};
pub(crate) use chain::{Policy, Scopes};
pub use dispatch::Outcome;
pub(crate) use dispatch::{Propagated, split};
pub use hosts::TrustedHosts;
pub(crate) use view::{Endpoint, run};
pub use view::{Extracts, Start};
