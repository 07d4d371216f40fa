//! `App`: joins blueprints, routes, hooks and error handlers into one axum `Router`.

mod build;
mod error;

pub use error::{BuildError, Conflict};

use std::sync::Arc;

use axum::Router;

use crate::blueprint::Blueprint;
use crate::scaffold::{Register, Scaffold};

type RouterLayer = Arc<dyn Fn(Router) -> Router + Send + Sync>;

/// A web application: routes, blueprints, hooks and error handlers, turned into one
/// axum [`Router`] by [`App::into_router`].
///
/// ```
/// use framework_core::prelude::*;
///
/// #[get("/")]
/// async fn index() -> &'static str {
///     "Hello, World!"
/// }
///
/// let router = App::new().register(routes![index]).into_router().expect("no route conflicts");
/// # let _ = router;
/// ```
#[derive(Clone, Default)]
pub struct App {
    /// Every registered item in registration order; blueprints' items are added when
    /// the blueprint is, so hook order is exactly the order of registration.
    items: Scaffold,
    /// Registered blueprints: name, prefix.
    blueprints: Vec<(&'static str, &'static str)>,
    /// Extra layers and extensions, applied around everything in order.
    layers: Vec<RouterLayer>,
    // Input limits and static files (issue 3).
    /// The largest request body the extractors read; `None` is the default, 1 MiB.
    max_content_length: Option<usize>,
    /// The static folder, if the app has one.
    static_files: Option<crate::static_files::StaticFiles>,
}

impl App {
    /// An empty app.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers routes, hooks and error handlers written outside any blueprint:
    /// `app.register(routes![index, not_found])`.
    pub fn register(mut self, item: impl Register) -> Self {
        item.register(&mut self.items);
        self
    }

    /// Registers a blueprint with all its routes, hooks and error handlers (Flask's
    /// `register_blueprint`).
    /// Blueprints nested in it come along, each after its parent.
    pub fn blueprint(mut self, blueprint: Blueprint) -> Self {
        self.add_blueprint(&blueprint);
        self
    }

    fn add_blueprint(&mut self, blueprint: &Blueprint) {
        self.blueprints.push((blueprint.name(), blueprint.prefix()));
        let scaffold = blueprint.scaffold();
        self.items.routes.extend(scaffold.routes.iter().cloned());
        self.items.hooks.extend(scaffold.hooks.iter().copied());
        self.items
            .error_handlers
            .extend(scaffold.error_handlers.iter().copied());
        for child in blueprint.children() {
            self.add_blueprint(child);
        }
    }

    /// Makes `value` available to every handler and hook as `Extension<T>` (a
    /// database pool, a client, settings).
    pub fn extension<T: Clone + Send + Sync + 'static>(self, value: T) -> Self {
        self.map_router(move |router| router.layer(axum::Extension(value.clone())))
    }

    /// Wraps the whole app in a tower layer (compression, CORS, …); layers added later
    /// are outside those added earlier.
    pub fn layer<L>(self, layer: L) -> Self
    where
        L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
        L::Service: tower::Service<axum::extract::Request> + Clone + Send + Sync + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Response:
            axum::response::IntoResponse + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Error:
            Into<std::convert::Infallible> + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Future: Send + 'static,
    {
        self.map_router(move |router| router.layer(layer.clone()))
    }

    /// Applies `f` to the finished router (after the framework's own layers).
    pub fn map_router(mut self, f: impl Fn(Router) -> Router + Send + Sync + 'static) -> Self {
        self.layers.push(Arc::new(f));
        self
    }

    // --- Input limits and static files (issue 3) ---

    /// The largest request body that the extractors (`Json`, `Form`, `ValidJson`,
    /// `Multipart`, `Bytes`, …) read, in bytes (Flask's `MAX_CONTENT_LENGTH`); past it
    /// the answer is `413 Payload Too Large`. Without it, the framework's validated
    /// extractors stop at 1 MiB and axum's own at axum's default (2 MB); setting it
    /// adds a layer, so it costs a little on every request.
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().max_content_length(16 * 1024 * 1024); // uploads up to 16 MiB
    /// ```
    pub fn max_content_length(mut self, bytes: usize) -> Self {
        self.max_content_length = Some(bytes);
        self
    }

    /// Serves the files in `folder` under `/static` (Flask's `static_folder`), with
    /// `ETag`, `Last-Modified` and `304`s; see [`StaticFiles`](crate::static_files::StaticFiles).
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().static_folder(concat!(env!("CARGO_MANIFEST_DIR"), "/static"));
    /// ```
    pub fn static_folder(mut self, folder: impl Into<std::path::PathBuf>) -> Self {
        let url_path = self.static_files.take().map(|s| s.prefix().to_owned());
        let files = crate::static_files::StaticFiles::new(folder);
        self.static_files = Some(match url_path {
            Some(path) => files.url_path(&path),
            None => files,
        });
        self
    }

    /// Serves the static folder under another URL path than `/static` (Flask's
    /// `static_url_path`); has no effect without [`static_folder`](Self::static_folder).
    ///
    /// ```
    /// use framework_core::App;
    ///
    /// let app = App::new().static_folder("assets").static_url_path("/assets");
    /// ```
    pub fn static_url_path(mut self, url_path: &str) -> Self {
        self.static_files = self.static_files.take().map(|s| s.url_path(url_path));
        self
    }

    /// The static folder and its URL path, if set.
    pub fn static_files(&self) -> Option<&crate::static_files::StaticFiles> {
        self.static_files.as_ref()
    }

    /// Every registered route, app routes and blueprints' alike.
    pub fn routes(&self) -> &[crate::routing::RouteDef] {
        &self.items.routes
    }

    /// Builds the axum router: checks for conflicts between routes (naming both
    /// handlers and where they are), then assembles routes, hooks and error handlers.
    pub fn into_router(&self) -> Result<Router, BuildError> {
        let extras = build::Extras {
            max_content_length: self.max_content_length,
            static_files: self.static_files.as_ref(),
        };
        build::build(&self.items, &self.blueprints, &self.layers, extras)
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("routes", &self.items.routes)
            .field("blueprints", &self.blueprints)
            .finish()
    }
}
