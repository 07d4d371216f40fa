//! Chapter "Security": headers, limits, proxies.

// ANCHOR: app
use framework_core::config::{Config, ConfigError};
use framework_core::extract::ClientAddr;
use framework_core::prelude::*;

/// Greets the client by address: behind a trusted proxy, the address the proxy names.
#[get("/")]
pub async fn index(ClientAddr(client): ClientAddr) -> String {
    format!("hello, {client}")
}

/// A page the app frames in its own pages: its own `X-Frame-Options` wins over the
/// app's `DENY`, for this response only.
#[get("/widget")]
pub async fn widget() -> Response {
    ([("x-frame-options", "SAMEORIGIN")], Html("<p>widget</p>")).into_response()
}

/// The app with its settings: `TRUSTED_PROXIES`, `CONTENT_SECURITY_POLICY`,
/// `REQUEST_TIMEOUT`, … from the environment or `CONFIG_FILE`.
pub fn app(config: &Config) -> Result<App, ConfigError> {
    App::new()
        .register(routes![index, widget])
        .configure(config)
}
// ANCHOR_END: app

// ANCHOR: code
use std::time::Duration;

use framework_core::security::SecurityHeaders;
use framework_core::serve::ServerLimits;

/// The same choices made in code instead of settings.
pub fn hardened() -> App {
    let headers = SecurityHeaders::default()
        .content_security_policy(Some("default-src 'self'; frame-ancestors 'none'"))
        .expect("a header value on one line");
    let limits = ServerLimits {
        request_timeout: Some(Duration::from_secs(10)),
        max_connections: 512,
        ..ServerLimits::default()
    };
    App::new()
        .register(routes![index, widget])
        .security_headers(headers)
        .server_limits(limits)
        .trusted_proxies("127.0.0.1, ::1".parse().expect("addresses"))
}
// ANCHOR_END: code
