//! The guide's code. Each module is one chapter of `book/`, which includes it by
//! anchor, so what the book shows is what compiles and what these tests run.
#![forbid(unsafe_code)]

pub mod blocking;
pub mod blueprints;
pub mod catalog;
pub mod config;
pub mod cookies;
pub mod databases;
pub mod errors;
pub mod forms;
pub mod hooks;
pub mod identity;
pub mod lifecycle;
pub mod rate_limits;
pub mod routing;
pub mod security;
pub mod templates;
pub mod testing;

#[cfg(test)]
mod tests;
