//! `G`: the request-local store, Flask's `g`.

use std::cell::Cell;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};

use axum::extract::FromRequestParts;
use axum::response::Response;
use http::Extensions;
use http::request::Parts;

/// Values that live as long as one request and are shared by its hooks, its handler
/// and its error handlers, like Flask's `g`.
///
/// Take it as an argument wherever you need it; every copy in one request is the same
/// store. Values are looked up by type, so wrap plain values in a type of your own.
///
/// ```
/// use framework_core::prelude::*;
///
/// #[derive(Clone)]
/// struct CurrentUser(String);
///
/// #[before_request]
/// async fn load_user(g: G) {
///     g.insert(CurrentUser("alice".into()));
/// }
///
/// #[route("/me")]
/// async fn me(g: G) -> String {
///     g.get::<CurrentUser>().map(|u| u.0).unwrap_or_default()
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![load_user, me]);
/// ```
#[derive(Clone, Default)]
pub struct G(Arc<Mutex<Store>>);

/// A function to run on this request's response, before the `after_request` hooks.
type AfterThis = Box<dyn FnOnce(Response) -> Response + Send>;

#[derive(Default)]
struct Store {
    values: Extensions,
    after_this_request: Vec<AfterThis>,
}

impl G {
    fn lock(&self) -> MutexGuard<'_, Store> {
        // A panic while the lock is held leaves plain data behind; keep using it.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Stores `value`, replacing (and returning) a value of the same type.
    pub fn insert<T: Clone + Send + Sync + 'static>(&self, value: T) -> Option<T> {
        self.lock().values.insert(value)
    }

    /// A copy of the stored value of type `T`.
    pub fn get<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        self.lock().values.get::<T>().cloned()
    }

    /// Whether a value of type `T` is stored.
    pub fn contains<T: Send + Sync + 'static>(&self) -> bool {
        self.lock().values.get::<T>().is_some()
    }

    /// Removes and returns the value of type `T`.
    pub fn remove<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        self.lock().values.remove::<T>()
    }

    /// Runs `f` on this request's response, Flask's `after_this_request`: from a view
    /// or a hook, for one request only. Such functions run in the order they were added,
    /// before the `after_request` hooks, also when the response is an error page.
    ///
    /// ```
    /// use framework_core::prelude::*;
    ///
    /// #[get("/")]
    /// async fn index(g: G) -> &'static str {
    ///     g.after_this_request(|mut response| {
    ///         response.headers_mut().insert("x-foo", HeaderValue::from_static("a present"));
    ///         response
    ///     });
    ///     "Hello"
    /// }
    /// # let _ = framework_core::App::new().register(framework_core::routes![index]);
    /// ```
    pub fn after_this_request(&self, f: impl FnOnce(Response) -> Response + Send + 'static) {
        self.lock().after_this_request.push(Box::new(f));
    }

    /// Runs (and forgets) the functions added by [`after_this_request`](Self::after_this_request).
    pub(crate) fn run_after_this_request(&self, mut response: Response) -> Response {
        let functions = std::mem::take(&mut self.lock().after_this_request);
        for f in functions {
            response = f(response);
        }
        response
    }

    /// The request's `G`, created on first use.
    pub(crate) fn of(parts: &mut Parts) -> G {
        if let Some(g) = parts.extensions.get::<G>() {
            return g.clone();
        }
        let g = G::default();
        parts.extensions.insert(g.clone());
        note_made(&g);
        g
    }
}

/// While a request without hooks runs its view on this thread: the `G` it made, if
/// any (see [`watch`]).
enum Watch {
    Off,
    On(Option<G>),
}

thread_local! {
    static MADE: Cell<Watch> = const { Cell::new(Watch::Off) };
}

fn note_made(g: &G) {
    MADE.with(|made| match made.replace(Watch::Off) {
        Watch::On(None) => made.set(Watch::On(Some(g.clone()))),
        other => made.set(other),
    });
}

/// Runs a request's view and gives back the `G` its extractors made, if any: a request
/// without hooks makes no `G` until something asks for one, and the pipeline still
/// finds the functions added by [`G::after_this_request`]. Around each poll of the
/// view, this thread notes what `G::of` makes (a request handled inside another one
/// keeps its own note).
pub(crate) fn watch<F: Future + Unpin>(view: F) -> Watched<F> {
    Watched { view, made: None }
}

/// The future of [`watch`].
pub(crate) struct Watched<F> {
    view: F,
    made: Option<G>,
}

impl<F: Future + Unpin> Future for Watched<F> {
    type Output = (F::Output, Option<G>);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let outer = MADE.with(|m| m.replace(Watch::On(this.made.take())));
        let poll = Pin::new(&mut this.view).poll(cx);
        if let Watch::On(g) = MADE.with(|m| m.replace(outer)) {
            this.made = g;
        }
        poll.map(|output| (output, this.made.take()))
    }
}

impl std::fmt::Debug for G {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("G")
            .field("len", &self.lock().values.len())
            .finish()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for G {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(G::of(parts))
    }
}
