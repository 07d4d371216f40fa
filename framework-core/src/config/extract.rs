//! `Config` as an extractor: Flask's `current_app.config` in a handler.

use axum::extract::FromRequestParts;
use http::request::Parts;

use super::Config;
use crate::Error;
use crate::app::AppContext;

/// The app's configuration, as [`App::configure`](crate::App::configure) was given
/// it (the command line's `run` calls it). Reading the app's own settings with
/// [`Config::settings`] parses them again: a handler on a hot path is better served
/// by settings read once and shared with `App::extension`.
///
/// ```
/// use framework_core::config::Config;
/// use framework_core::prelude::*;
/// use framework_core::testing::TestClient;
///
/// #[get("/where")]
/// async fn where_am_i(config: Config) -> String {
///     format!("{}:{}, production: {}", config.host, config.port, config.is_production())
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let config = Config::from_vars([("PORT", "8000")]).unwrap();
/// let app = App::new().register(routes![where_am_i]).configure(&config).unwrap();
/// let client = TestClient::new(app);
/// assert_eq!(client.get("/where").send().await.text(), "127.0.0.1:8000, production: false");
/// # }
/// ```
impl<S: Send + Sync> FromRequestParts<S> for Config {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<AppContext>() {
            Some(context) => Ok(context.config.clone()),
            None => Err(Error::internal(
                "a handler takes `Config`, but the app's configuration is unknown to its handlers: call App::configure(&config) (the command line's `run` does)",
            )),
        }
    }
}
