//! Integration tests: the framework's Flask semantics through the test client, and
//! serving over a real socket.

mod errors;
mod hooks;
mod routing;
mod support;
mod templates;
mod testing;
