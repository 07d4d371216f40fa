//! `TestClient`: holds the app's router and the cookie jar.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use http::Method;

use super::cookies::Jar;
use super::request::TestRequest;
use crate::App;

/// Sends requests to an app in-process, like Flask's `app.test_client()`.
///
/// Cookies set by responses are kept and sent with later requests; redirects are
/// returned as they are unless following is turned on.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::testing::TestClient;
///
/// #[get("/old")]
/// async fn old() -> Response {
///     redirect("/new")
/// }
///
/// #[get("/new")]
/// async fn new() -> &'static str {
///     "new"
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let client = TestClient::new(App::new().register(routes![old, new]));
/// assert_eq!(client.get("/old").send().await.status(), StatusCode::FOUND);
///
/// let client = client.follow_redirects(true);
/// let response = client.get("/old").send().await;
/// assert_eq!(response.text(), "new");
/// assert_eq!(response.url(), "/new");
/// # }
/// ```
#[derive(Clone)]
pub struct TestClient {
    router: Router,
    jar: Arc<Mutex<Jar>>,
    follow_redirects: bool,
    use_cookies: bool,
    remote_addr: Option<std::net::SocketAddr>,
}

impl TestClient {
    /// A client for `app`.
    ///
    /// # Panics
    ///
    /// When the app cannot be built (conflicting routes): this is for tests, where the
    /// message should fail the test.
    pub fn new(app: impl std::borrow::Borrow<App>) -> Self {
        match app.borrow().into_router() {
            Ok(router) => Self::from_router(router),
            Err(error) => panic!("the app cannot be built: {error}"),
        }
    }

    /// A client for any axum router.
    pub fn from_router(router: Router) -> Self {
        Self {
            router,
            jar: Arc::default(),
            follow_redirects: false,
            use_cookies: true,
            remote_addr: None,
        }
    }

    /// A client that neither keeps nor sends cookies (Flask's
    /// `test_client(use_cookies=False)`).
    ///
    /// ```
    /// use framework_core::prelude::*;
    /// use framework_core::testing::TestClient;
    ///
    /// let client = TestClient::new(App::new()).without_cookies();
    /// # let _ = client;
    /// ```
    pub fn without_cookies(mut self) -> Self {
        self.use_cookies = false;
        self
    }

    /// The client address every request comes from (Flask's `REMOTE_ADDR` in
    /// `environ_base`), as axum's `ConnectInfo<SocketAddr>`; requests may override it.
    /// Without it, requests come from `127.0.0.1`, as Flask's do.
    ///
    /// ```
    /// use framework_core::prelude::*;
    /// use framework_core::testing::TestClient;
    ///
    /// let client = TestClient::new(App::new()).remote_addr("203.0.113.7:4000".parse().unwrap());
    /// # let _ = client;
    /// ```
    pub fn remote_addr(mut self, addr: std::net::SocketAddr) -> Self {
        self.remote_addr = Some(addr);
        self
    }

    /// Whether requests follow redirects by default (off, as in Flask).
    pub fn follow_redirects(mut self, follow: bool) -> Self {
        self.follow_redirects = follow;
        self
    }

    /// A request with any method.
    pub fn request(&self, method: Method, path: &str) -> TestRequest<'_> {
        TestRequest::new(self, method, path)
    }

    /// A `GET` request.
    pub fn get(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::GET, path)
    }

    /// A `POST` request.
    pub fn post(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::POST, path)
    }

    /// A `PUT` request.
    pub fn put(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::PUT, path)
    }

    /// A `PATCH` request.
    pub fn patch(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::PATCH, path)
    }

    /// A `DELETE` request.
    pub fn delete(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::DELETE, path)
    }

    /// A `HEAD` request.
    pub fn head(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::HEAD, path)
    }

    /// An `OPTIONS` request.
    pub fn options(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::OPTIONS, path)
    }

    /// The value of a cookie in the jar.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar().get(name).map(str::to_owned)
    }

    /// Puts a cookie in the jar (path `/`), as if a response had set it.
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar().set(name, value);
    }

    /// Removes a cookie from the jar.
    pub fn remove_cookie(&self, name: &str) {
        self.jar().remove(name);
    }

    pub(crate) fn router(&self) -> Router {
        self.router.clone()
    }

    pub(crate) fn jar(&self) -> MutexGuard<'_, Jar> {
        self.jar
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn follows_redirects(&self) -> bool {
        self.follow_redirects
    }

    pub(crate) fn uses_cookies(&self) -> bool {
        self.use_cookies
    }

    pub(crate) fn default_remote_addr(&self) -> Option<std::net::SocketAddr> {
        self.remote_addr
    }
}

impl App {
    /// A [`TestClient`] for this app (Flask's `app.test_client()`).
    ///
    /// # Panics
    ///
    /// When the app cannot be built, as [`TestClient::new`].
    pub fn test_client(&self) -> TestClient {
        TestClient::new(self)
    }
}
