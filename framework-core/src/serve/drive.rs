//! Running one connection: hyper's HTTP/1.1 connection driven to its end, a graceful
//! stop when the server shuts down, and the `408 Request Timeout` for a client that
//! started a request head and did not finish it within `REQUEST_HEADER_TIMEOUT`
//! (slowloris).
//!
//! hyper enforces the head timeout but only closes the connection (its automatic
//! answers cover parse errors, not this one). So the connection is polled without
//! hyper shutting its socket, and when it ends with the head timeout, its parts are
//! taken back: bytes left in hyper's read buffer are a head that had started to
//! arrive, and the 408 page is written on the socket before it is closed. With
//! nothing buffered the connection was an idle keep-alive one: it is closed without
//! an answer, as nginx does. Nothing of this runs per request.

use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use http::StatusCode;
use hyper::server::conn::http1::Connection;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;

use super::connection::Client;
use crate::Error;
use crate::security::SecurityHeaders;

/// How long writing the 408 and reading what the client still sends may take, so a
/// client that reads nothing cannot hold the connection.
const LINGER: Duration = Duration::from_secs(1);

/// The whole `408` answer, as bytes on the wire: the app's default error page with
/// the security headers and `Connection: close`. Made once per server.
pub(super) async fn slow_head_answer(headers: &SecurityHeaders) -> Bytes {
    let mut response = Error::from_status(StatusCode::REQUEST_TIMEOUT)
        .with_message("The request head was not received in time.")
        .default_response();
    headers.apply(&mut response, false);
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let mut raw = format!("HTTP/1.1 {}\r\n", parts.status).into_bytes();
    for (name, value) in &parts.headers {
        if name == http::header::CONTENT_LENGTH || name == http::header::CONNECTION {
            continue;
        }
        raw.extend_from_slice(name.as_str().as_bytes());
        raw.extend_from_slice(b": ");
        raw.extend_from_slice(value.as_bytes());
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(
        format!(
            "content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    raw.extend_from_slice(&body);
    raw.into()
}

/// Runs `connection` until it ends; when `stopping` changes (or its sender goes),
/// hyper finishes the request in flight and closes. Answers a slow head with
/// `slow_head` (the bytes of [`slow_head_answer`]).
pub(super) async fn run(
    mut connection: Connection<TokioIo<TcpStream>, Client>,
    mut stopping: watch::Receiver<()>,
    slow_head: &[u8],
    remote: SocketAddr,
) {
    let mut draining = false;
    let ended = loop {
        tokio::select! {
            biased;
            ended = std::future::poll_fn(|cx| connection.poll_without_shutdown(cx)) => break ended,
            _ = stopping.changed(), if !draining => {
                draining = true;
                std::pin::Pin::new(&mut connection).graceful_shutdown();
            }
        }
    };
    let parts = connection.into_parts();
    let mut stream = parts.io.into_inner();
    match ended {
        Ok(()) => {}
        Err(error) if error.is_timeout() && !parts.read_buf.is_empty() => {
            tracing::debug!(%remote, "a request head took longer than REQUEST_HEADER_TIMEOUT: 408");
            let _ = tokio::time::timeout(LINGER, answer_and_linger(&mut stream, slow_head)).await;
        }
        Err(error) => tracing::debug!(%remote, %error, "connection ended with an error"),
    }
    let _ = stream.shutdown().await;
}

/// Writes `answer`, says the server sends nothing more, then reads what the client
/// still sends until it closes: closing a socket with unread bytes would reset the
/// connection and could destroy the answer before the client reads it.
async fn answer_and_linger(stream: &mut TcpStream, answer: &[u8]) {
    if stream.write_all(answer).await.is_err() || stream.shutdown().await.is_err() {
        return;
    }
    let mut sink = [0u8; 1024];
    while let Ok(read) = stream.read(&mut sink).await {
        if read == 0 {
            break;
        }
    }
}
