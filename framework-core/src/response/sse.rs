//! Server-sent events (`text/event-stream`): axum's [`Sse`], re-exported.
//!
//! Return `Sse::new(stream)` where each item is a `Result<Event, E>`; add
//! [`KeepAlive`] so proxies do not close a quiet connection. The browser reads it with
//! `new EventSource("/events")`.
//!
//! ```
//! use std::convert::Infallible;
//! use std::time::Duration;
//!
//! use framework_core::prelude::*;
//! use framework_core::response::sse::{Event, KeepAlive, Sse};
//! use futures_util::Stream;
//!
//! #[get("/events")]
//! async fn events() -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
//!     let ticks = (1..=3).map(|i| Ok(Event::default().event("tick").data(i.to_string())));
//!     Sse::new(futures_util::stream::iter(ticks)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
//! }
//! # let _ = framework_core::App::new().register(framework_core::routes![events]);
//! ```

pub use axum::response::sse::{Event, KeepAlive, Sse};
