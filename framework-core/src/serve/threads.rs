//! Serving from several threads, each running a single-threaded runtime of its own
//! (thread per core, as actix-web and nginx's workers do). Every thread accepts on
//! the same listening socket, so the kernel hands each new connection to a thread
//! that is waiting for one, and a connection stays on the thread that took it: no
//! task moves between threads, which a work-stealing runtime pays for on every
//! wake-up. Blocking work still leaves the thread (`spawn_blocking`, synchronous
//! views, password hashing).

use std::future::Future;
use std::io;
use std::net::TcpListener as StdListener;
use std::num::NonZeroUsize;
use std::thread;

use tokio::runtime::{Builder, Runtime};
use tokio::sync::watch;

use super::accept::{self, Server};
use super::{ServeError, bind};
use crate::App;

impl App {
    /// Serves the app on `address` (`"127.0.0.1:5000"`) until SIGINT (Ctrl-C) or
    /// SIGTERM, from `SERVER_THREADS` threads (by default one per CPU core the
    /// process may run on), each with a single-threaded Tokio runtime of its own.
    /// The limits, timeouts and graceful shutdown are those of
    /// [`serve`](App::serve). It starts its runtimes itself, so it is called from a
    /// plain `main`, as Flask's `app.run()` is.
    ///
    /// ```no_run
    /// use framework_core::prelude::*;
    ///
    /// #[get("/")]
    /// async fn index() -> &'static str {
    ///     "Hello, World!"
    /// }
    ///
    /// fn main() -> Result<(), Box<dyn std::error::Error>> {
    ///     App::new().register(routes![index]).run("127.0.0.1:5000")?;
    ///     Ok(())
    /// }
    /// ```
    pub fn run(self, address: &str) -> Result<(), ServeError> {
        serve_on_threads(Listen::Bind(address), async { Ok::<_, ServeError>(self) })
    }
}

/// Where [`serve_on_threads`] takes its connections.
pub(crate) enum Listen<'a> {
    /// A socket handed over by the process that started this one, already
    /// listening (see [`inherited_listener`](super::inherited_listener)).
    Inherited(StdListener),
    /// An address to bind once the app is ready, so that a client (or a readiness
    /// check) finds the port open only when requests can be answered.
    Bind(&'a str),
}

/// Serves the app that `app` makes (run on the first thread's runtime, so that
/// what it connects to lives there) on `listen`, from the app's `SERVER_THREADS`
/// threads, until SIGINT or SIGTERM.
pub(crate) fn serve_on_threads<E>(
    listen: Listen<'_>,
    app: impl Future<Output = Result<App, E>>,
) -> Result<(), E>
where
    E: From<ServeError>,
{
    let runtime = single_threaded().map_err(ServeError::Io)?;
    runtime.block_on(async move {
        let server = Server::new(app.await?).await?;
        let listener = match listen {
            Listen::Inherited(listener) => listener,
            Listen::Bind(address) => bind(address)?,
        };
        if let Ok(address) = listener.local_addr() {
            tracing::info!("serving on http://{address}");
        }
        // Every thread stops accepting when the signal comes (or when the first
        // thread ends, as its sender goes).
        let (stop, stopping) = watch::channel(());
        let threads = thread_count(&server);
        let mut others = Vec::with_capacity(threads.get() - 1);
        for n in 1..threads.get() {
            let listener = listener.try_clone().map_err(ServeError::Io)?;
            let (server, mut stopping) = (server.clone(), stopping.clone());
            let thread = thread::Builder::new()
                .name(format!("server-{n}"))
                .spawn(move || -> io::Result<bool> {
                    let runtime = single_threaded()?;
                    runtime.block_on(async move {
                        let listener = tokio::net::TcpListener::from_std(listener)?;
                        Ok(server
                            .serve(listener, async move {
                                let _ = stopping.changed().await;
                            })
                            .await)
                    })
                })
                .map_err(ServeError::Io)?;
            others.push(thread);
        }
        drop(stopping);
        let listener = tokio::net::TcpListener::from_std(listener).map_err(ServeError::Io)?;
        let mut answered = server
            .serve(listener, async move {
                super::shutdown_signal().await;
                let _ = stop.send(());
            })
            .await;
        // Joined off this runtime, which goes on running what the app connected to
        // while the other threads finish their requests.
        for thread in others {
            let joined = tokio::task::spawn_blocking(move || thread.join()).await;
            match joined {
                Ok(Ok(Ok(all))) => answered &= all,
                Ok(Ok(Err(error))) => return Err(ServeError::Io(error).into()),
                Ok(Err(_)) | Err(_) => {
                    let error = io::Error::other("a server thread panicked");
                    return Err(ServeError::Io(error).into());
                }
            }
        }
        accept::stopped(answered, server.limits());
        Ok(())
    })
}

/// One thread's runtime: single-threaded, with timers and I/O.
fn single_threaded() -> io::Result<Runtime> {
    Builder::new_current_thread().enable_all().build()
}

/// `SERVER_THREADS`, else the CPU cores this process may run on.
fn thread_count(server: &Server) -> NonZeroUsize {
    server
        .limits()
        .threads
        .or_else(|| thread::available_parallelism().ok())
        .unwrap_or(NonZeroUsize::MIN)
}
