//! The app's own layers (`App::layer`, `App::extension`, the settings that become
//! layers) and how they are put around the finished router.
//!
//! Each `Router::layer` call puts one boxed hop in front of every route: a clone of
//! the boxed service and a boxed future per request. The outermost layer (trusted
//! proxies, security headers) therefore joins the last tower layer in one hop when
//! there is one, instead of adding a hop of its own.

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::response::IntoResponse;
use axum::routing::Route;
use std::convert::Infallible;

use crate::security::Outermost;

/// One of the app's layers, applied in order around the router.
#[derive(Clone)]
pub(crate) enum AppLayer {
    /// A tower layer around every route: the outermost layer can share its hop.
    Tower(Arc<dyn RouteLayer>),
    /// Any other change of the router (`App::map_router`).
    Map(Arc<dyn Fn(Router) -> Router + Send + Sync>),
}

impl AppLayer {
    /// `layer` around every route.
    pub(crate) fn tower<L>(layer: L) -> Self
    where
        Tower<L>: RouteLayer + 'static,
    {
        AppLayer::Tower(Arc::new(Tower(layer)))
    }

    /// `Extension(value)` for every handler and hook.
    pub(crate) fn extension<T: Clone + Send + Sync + 'static>(value: T) -> Self {
        AppLayer::tower(axum::Extension(value))
    }
}

/// A tower layer that can be applied alone or with the outermost layer around it.
pub(crate) trait RouteLayer: Send + Sync {
    /// `router` with this layer around every route.
    fn apply(&self, router: Router) -> Router;
    /// `router` with this layer, and `outermost` around it, in one hop.
    fn apply_within(&self, router: Router, outermost: Outermost) -> Router;
}

/// A tower layer kept for the router; its `RouteLayer` impl holds the bounds
/// `Router::layer` asks for.
pub(crate) struct Tower<L>(L);

impl<L> RouteLayer for Tower<L>
where
    L: tower::Layer<Route> + Clone + Send + Sync + 'static,
    L::Service: tower::Service<Request> + Clone + Send + Sync + 'static,
    <L::Service as tower::Service<Request>>::Response: IntoResponse + 'static,
    <L::Service as tower::Service<Request>>::Error: Into<Infallible> + 'static,
    <L::Service as tower::Service<Request>>::Future: Send + 'static,
{
    fn apply(&self, router: Router) -> Router {
        router.layer(self.0.clone())
    }

    fn apply_within(&self, router: Router, outermost: Outermost) -> Router {
        router.layer(tower::layer::util::Stack::new(self.0.clone(), outermost))
    }
}

/// `router` with `layers` around it in order, then `outermost` around all: sharing
/// the last layer's hop when that is a tower layer.
pub(crate) fn apply<'a>(
    mut router: Router,
    layers: impl IntoIterator<Item = &'a AppLayer>,
    outermost: Option<Outermost>,
) -> Router {
    let mut layers = layers.into_iter().peekable();
    while let Some(layer) = layers.next() {
        let last = layers.peek().is_none();
        router = match (layer, last, &outermost) {
            (AppLayer::Tower(layer), true, Some(outermost)) => {
                return layer.apply_within(router, outermost.clone());
            }
            (AppLayer::Tower(layer), _, _) => layer.apply(router),
            (AppLayer::Map(map), _, _) => map(router),
        };
    }
    match outermost {
        Some(outermost) => router.layer(outermost),
        None => router,
    }
}
