//! Workspace tests: integration tests in `integration/`, trybuild UI tests in `ui/`.
//! This library only compiles the README's example as a doctest, so it cannot rot.
#![forbid(unsafe_code)]

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
