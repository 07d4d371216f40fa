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
    base: Base,
}

/// Where requests go unless one says otherwise: the app's `SERVER_NAME` host and
/// `PREFERRED_URL_SCHEME`, and its `APPLICATION_ROOT`, as Flask's test client builds
/// its base URL from them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Base {
    /// The `Host` header; `localhost` when `None`.
    pub(crate) host: Option<String>,
    /// Whether requests are `https`.
    pub(crate) https: bool,
    /// The path the app is mounted under, empty for none: the browser's paths are
    /// this followed by the app's.
    pub(crate) root: String,
}

impl TestClient {
    /// A client for `app`. Its requests go to the app's `SERVER_NAME` (with
    /// `PREFERRED_URL_SCHEME`) if configured, else to `localhost`; with
    /// `APPLICATION_ROOT` set, the client stands where a browser would, outside the
    /// app's mount point: it sends and keeps cookies for the root followed by the
    /// request's path, and follows redirects into the app from under it.
    ///
    /// ```
    /// use framework_core::config::Config;
    /// use framework_core::prelude::*;
    /// use framework_core::testing::TestClient;
    ///
    /// #[get("/")]
    /// async fn index(base: framework_core::url::UrlBase) -> String {
    ///     url_for!(index, _external = base).to_string()
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let config = Config::from_vars([("SERVER_NAME", "example.com:1234"), ("APPLICATION_ROOT", "/foo")]).unwrap();
    /// let client = TestClient::new(App::new().register(routes![index]).configure(&config).unwrap());
    /// assert_eq!(client.get("/").await.text(), "http://example.com:1234/foo/");
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// When the app cannot be built (conflicting routes): this is for tests, where the
    /// message should fail the test.
    pub fn new(app: impl std::borrow::Borrow<App>) -> Self {
        let app = app.borrow();
        let mut client = match app.into_router() {
            Ok(router) => Self::from_router(router),
            Err(error) => panic!("the app cannot be built: {error}"),
        };
        client.base = Base {
            host: app.server_base().map(|base| base.host().to_owned()),
            https: app
                .server_base()
                .is_some_and(|base| base.scheme() == "https"),
            root: app.application_root().unwrap_or_default().to_owned(),
        };
        client
    }

    /// A client for any axum router.
    pub fn from_router(router: Router) -> Self {
        Self {
            router,
            jar: Arc::default(),
            follow_redirects: false,
            use_cookies: true,
            remote_addr: None,
            base: Base::default(),
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

    pub(crate) fn base(&self) -> &Base {
        &self.base
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
