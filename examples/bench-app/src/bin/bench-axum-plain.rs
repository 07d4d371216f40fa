//! The same three endpoints as `bench-app` (`/plaintext`, `/json`, `/users/{id}`),
//! hand-written on axum with no session layer: the like-for-like baseline while
//! `bench-app` has no sessions yet (`../shared/bench`'s `axum-raw` puts a session
//! layer on every route). Run as `bench-axum-plain PORT`.
#![forbid(unsafe_code)]

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

const HELLO: &str = "Hello, World!";

async fn plaintext() -> &'static str {
    HELLO
}

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

async fn json() -> Json<Message> {
    Json(Message { message: HELLO })
}

async fn user(Path(id): Path<u64>) -> String {
    format!("user {id}")
}

#[tokio::main]
async fn main() {
    let port: u16 = match std::env::args().nth(1).map(|p| p.parse()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!("usage: bench-axum-plain PORT");
            std::process::exit(2);
        }
    };
    let app = Router::new()
        .route("/plaintext", get(plaintext))
        .route("/json", get(json))
        .route("/users/{id}", get(user));
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("bench-axum-plain: cannot bind 127.0.0.1:{port}: {error}");
            std::process::exit(1);
        }
    };
    if let Err(error) = axum::serve(listener, app).await {
        eprintln!("bench-axum-plain: {error}");
        std::process::exit(1);
    }
}
