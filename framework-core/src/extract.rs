//! Extractors the framework adds to axum's, and the glue generated handlers use.

use axum::extract::{FromRequestParts, Path};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::request::Parts;
use serde::de::DeserializeOwned;

use crate::Error;

/// The path parameters of a route, deserialised in path order. A value that does not
/// parse as its argument's type (`/users/abc` for `id: u64`) is a 404, as in Flask.
#[doc(hidden)]
pub struct PathParams<T>(pub T);

impl<T, S> FromRequestParts<S> for PathParams<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PathParams(value)),
            Err(rejection) => {
                let status = rejection.status();
                let error = if status.is_client_error() {
                    Error::from_status(StatusCode::NOT_FOUND)
                } else {
                    Error::from_status(status).with_message(rejection.body_text())
                };
                Err(error.into_response())
            }
        }
    }
}

/// The address of the client that sent the request: the peer of the connection, or,
/// behind a reverse proxy the app trusts (`TRUSTED_PROXIES`), the client the proxy
/// names in `X-Forwarded-For` (Flask's `request.remote_addr`). Known when the app is
/// served by [`App::serve`](crate::App::serve) and in the test client; elsewhere
/// (a router served without connection info) asking for it is a 500 that says so.
///
/// ```
/// use framework_core::extract::ClientAddr;
/// use framework_core::prelude::*;
/// use framework_core::testing::TestClient;
///
/// #[get("/ip")]
/// async fn ip(ClientAddr(addr): ClientAddr) -> String {
///     addr.to_string()
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let client = TestClient::new(App::new().register(routes![ip]));
/// assert_eq!(client.get("/ip").send().await.text(), "127.0.0.1");
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub std::net::IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        {
            Some(info) => Ok(ClientAddr(info.0.ip())),
            None => Err(Error::from_status(StatusCode::INTERNAL_SERVER_ERROR).with_message(
                "The client address is unknown: the app is served without connection info (serve it with App::serve).",
            )),
        }
    }
}
