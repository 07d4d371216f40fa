//! The layer that ends each request's transaction once its response is known.

use std::convert::Infallible;

use framework_core::axum::body::Body;
use framework_core::axum::response::{IntoResponse, Response};
use framework_core::http::Request;
use framework_core::middleware::Middleware;
use tower::Service;

use crate::error::db_error;
use crate::tx::TxSlot;

/// Gives every request an empty transaction slot, and afterwards commits what a
/// [`Tx`](crate::Tx) left in it when the status is below 400, else rolls it back.
/// [`install`](crate::install) adds it; by hand it is a framework middleware:
///
/// ```
/// use framework_core::App;
/// use framework_core::middleware::MiddlewareLayer;
/// use framework_db::TxLayer;
///
/// let app = App::new().layer(MiddlewareLayer(TxLayer)); // plus `.extension(database)`
/// # let _ = app;
/// ```
#[derive(Clone, Debug, Default)]
pub struct TxLayer;

impl Middleware for TxLayer {
    async fn call<S>(&self, mut request: Request<Body>, mut inner: S) -> Response
    where
        S: Service<Request<Body>, Response = Response, Error = Infallible> + Send,
        S::Future: Send,
    {
        let slot = TxSlot::default();
        request.extensions_mut().insert(slot.clone());
        let Ok(response) = inner.call(request).await;
        let Some(open) = slot.take() else {
            return response;
        };
        if response.status().as_u16() < 400 {
            if let Err(error) = open.commit().await {
                // The handler's answer promised a write that did not happen.
                tracing::error!(%error, "committing the request's transaction failed");
                return db_error(error).into_response();
            }
        } else if let Err(error) = open.rollback().await {
            // Nothing was written either way; the connection is discarded by sqlx.
            tracing::warn!(%error, "rolling back the request's transaction failed");
        }
        response
    }
}
