//! The accept loop: connections taken from a listener while the server has room
//! for them (`MAX_CONNECTIONS`), each driven as a task of the runtime that accepted
//! it, and on shutdown the wait for the requests in flight. Several loops, one per
//! thread, can share one [`Server`] (its connection count included).

use std::future::Future;
use std::io;
use std::sync::Arc;

use bytes::Bytes;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use super::timer::ConnectionTimer;
use super::{ServeError, ServerLimits, connection, drive};
use crate::App;

/// One app made ready to serve: what its accept loops share.
#[derive(Clone)]
pub(super) struct Server {
    service: connection::Service,
    http: http1::Builder,
    slow_head: Bytes,
    permits: Arc<Semaphore>,
    limits: ServerLimits,
}

impl Server {
    /// The app's router, connection settings and limits, built once.
    pub(super) async fn new(app: App) -> Result<Self, ServeError> {
        let limits = app.limits().clone();
        let headers = app.policy_headers();
        let slow_head = drive::slow_head_answer(&headers).await;
        let (router, outermost) = app.served_router()?;
        let service = connection::Service::new(router, outermost, &limits, headers);
        let mut http = http1::Builder::new();
        // The head timeout's timer is given per connection (`for_connection`).
        http.header_read_timeout(limits.header_timeout)
            .max_header_size(limits.max_header_size)
            .keep_alive(limits.keep_alive)
            // Without half-close hyper reads while each request is answered, to
            // notice the client closing: `CANCEL_ON_CLIENT_CLOSE` asks for that.
            .half_close(!limits.cancel_on_client_close)
            // The head and body go out as one buffer in one `write` (the body
            // copied behind the head) rather than as a `writev` of both: fewer
            // instructions a response, measured, for the small bodies most
            // answers have.
            .writev(false);
        // hyper's own limit is 100 fields, parsed into an array on the stack; any
        // other count makes it allocate and fill that array on every request.
        if limits.max_header_count != HYPER_MAX_HEADERS {
            http.max_headers(limits.max_header_count);
        }
        Ok(Server {
            service,
            http,
            slow_head,
            permits: Arc::new(Semaphore::new(limits.max_connections)),
            limits,
        })
    }

    /// Accepts connections on `listener` until `shutdown` completes, then waits for
    /// the requests in flight on them, up to `SHUTDOWN_TIMEOUT`: true when every one
    /// was answered in time. Must run inside a Tokio runtime, which runs the
    /// connections it accepts.
    pub(super) async fn serve(
        &self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()>,
    ) -> bool {
        // Each connection holds a receiver: a change asks it to finish, and the
        // sender's `closed` completes when every connection has ended.
        let (stop, stopping) = watch::channel(());
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            // A connection is accepted only when it can be served: past
            // `MAX_CONNECTIONS`, clients wait in the listen queue.
            let permit = tokio::select! {
                permit = self.permits.clone().acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => break,
                },
                () = &mut shutdown => break,
            };
            let (stream, remote) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        accept_failed(&error).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let _ = stream.set_nodelay(true);
            let connection = self
                .for_connection()
                .serve_connection(TokioIo::new(stream), self.service.for_client(remote));
            let stopping = stopping.clone();
            let slow_head = self.slow_head.clone();
            tokio::spawn(async move {
                drive::run(connection, stopping, &slow_head, remote).await;
                drop(permit);
            });
        }
        drop(listener);
        let _ = stop.send(());
        drop(stopping);
        tokio::time::timeout(self.limits.shutdown_timeout, stop.closed())
            .await
            .is_ok()
    }

    /// hyper's settings for one connection: with `REQUEST_HEADER_TIMEOUT`, the
    /// connection's own timer, which every request head on it reuses.
    fn for_connection(&self) -> http1::Builder {
        let mut http = self.http.clone();
        if self.limits.header_timeout.is_some() {
            http.timer(ConnectionTimer::new());
        }
        http
    }

    /// The limits this server enforces.
    pub(super) fn limits(&self) -> &ServerLimits {
        &self.limits
    }
}

/// Logs how a shutdown ended.
pub(super) fn stopped(every_request_answered: bool, limits: &ServerLimits) {
    if every_request_answered {
        tracing::info!("stopped: every request in flight was answered");
    } else {
        tracing::warn!(
            "stopped: SHUTDOWN_TIMEOUT ({:?}) passed with requests still in flight; their connections are closed",
            limits.shutdown_timeout
        );
    }
}

/// The number of header fields hyper accepts unless told otherwise.
const HYPER_MAX_HEADERS: usize = 100;

/// An error accepting a connection: the listener stays open. Running out of file
/// descriptors is waited out, so the loop does not spin.
async fn accept_failed(error: &io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "cannot accept a connection");
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
}
