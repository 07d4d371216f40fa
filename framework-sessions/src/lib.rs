//! Sessions, flash messages, CSRF protection and login helpers for `framework-core`,
//! on tower-sessions.
//!
//! Nothing is here yet: this crate is filled by the sessions issue. It is a workspace
//! member already so that its place, name and dependency on `framework-core` are fixed.
#![forbid(unsafe_code)]
