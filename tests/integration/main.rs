//! Integration tests: the framework's Flask semantics through the test client, and
//! serving over a real socket.

mod cli;
mod config;
mod errors;
mod hooks;
mod routing;
mod serve;
mod support;
mod templates;
mod testing;
