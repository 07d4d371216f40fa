//! `TestRequest`: one request being built, then sent (following redirects if asked).

use axum::body::Body;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, header};
use serde::Serialize;
use tower::ServiceExt;

use super::client::TestClient;
use super::response::TestResponse;

/// The `User-Agent` of test requests that do not set one (Flask's says `Werkzeug/…`).
const USER_AGENT: &str = concat!("framework-test-client/", env!("CARGO_PKG_VERSION"));

/// The most redirects one request follows.
const MAX_REDIRECTS: usize = 10;

/// A request under construction; finish with [`send`](TestRequest::send).
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::testing::TestClient;
///
/// #[derive(Deserialize, Serialize)]
/// struct Login {
///     username: String,
/// }
///
/// #[post("/login")]
/// async fn login(Form(form): Form<Login>) -> String {
///     format!("hello {}", form.username)
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let client = TestClient::new(App::new().register(routes![login]));
/// let response = client
///     .post("/login")
///     .form(&Login { username: "ferris".into() })
///     .send()
///     .await;
/// assert_eq!(response.text(), "hello ferris");
/// # }
/// ```
#[must_use = "a request does nothing until it is sent with `.send().await`"]
pub struct TestRequest<'c> {
    client: &'c TestClient,
    method: Method,
    path: String,
    headers: HeaderMap,
    body: Bytes,
    follow: Option<bool>,
    extensions: http::Extensions,
    scheme: Option<&'static str>,
}

impl<'c> TestRequest<'c> {
    pub(crate) fn new(client: &'c TestClient, method: Method, path: &str) -> Self {
        Self {
            client,
            method,
            path: path.to_owned(),
            headers: HeaderMap::new(),
            body: Bytes::new(),
            follow: None,
            extensions: http::Extensions::new(),
            scheme: None,
        }
    }

    /// Adds a header.
    ///
    /// # Panics
    ///
    /// On a name or value that is not a valid header (a mistake in the test).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::try_from(name)
            .unwrap_or_else(|e| panic!("invalid header name {name:?}: {e}"));
        let value = HeaderValue::try_from(value)
            .unwrap_or_else(|e| panic!("invalid value for header {name}: {e}"));
        self.headers.append(name, value);
        self
    }

    /// An `application/x-www-form-urlencoded` body, like a browser's form post.
    ///
    /// # Panics
    ///
    /// When `form` cannot be encoded as a form (nested structs, say).
    pub fn form<T: Serialize + ?Sized>(mut self, form: &T) -> Self {
        let encoded = serde_urlencoded::to_string(form)
            .unwrap_or_else(|e| panic!("the form cannot be url-encoded: {e}"));
        self.body = Bytes::from(encoded);
        self.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        self
    }

    /// A JSON body.
    ///
    /// # Panics
    ///
    /// When `value` cannot be serialised.
    pub fn json<T: Serialize + ?Sized>(mut self, value: &T) -> Self {
        let encoded = serde_json::to_vec(value)
            .unwrap_or_else(|e| panic!("the JSON body cannot be encoded: {e}"));
        self.body = Bytes::from(encoded);
        self.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        self
    }

    /// A raw body (set `Content-Type` with [`header`](Self::header)).
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// The `Host` this request names (Flask's `base_url` host); otherwise the app's
    /// `SERVER_NAME`, or `localhost`.
    pub fn host(self, host: &str) -> Self {
        self.header("host", host)
    }

    /// Sends the request as `https` (its URI is absolute, `https://host/path`), as
    /// Flask's `base_url="https://…"` does.
    pub fn https(mut self) -> Self {
        self.scheme = Some("https");
        self
    }

    /// The client address this request comes from, as axum's `ConnectInfo<SocketAddr>`
    /// (Flask's `REMOTE_ADDR`).
    pub fn remote_addr(self, addr: std::net::SocketAddr) -> Self {
        self.extension(axum::extract::ConnectInfo(addr))
    }

    /// Puts `value` in the request's extensions, as a layer outside the app would.
    pub fn extension<T: Clone + Send + Sync + 'static>(mut self, value: T) -> Self {
        self.extensions.insert(value);
        self
    }

    /// Follows redirects for this request, whatever the client's setting.
    pub fn follow_redirects(mut self) -> Self {
        self.follow = Some(true);
        self
    }

    /// Sends the request and reads the whole response.
    pub async fn send(self) -> TestResponse {
        let follow = self.follow.unwrap_or(self.client.follows_redirects());
        let mut method = self.method;
        let mut path = self.path;
        let mut headers = self.headers;
        let mut body = self.body;
        let mut history = Vec::new();
        let mut extensions = self.extensions;
        if extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .is_none()
        {
            // Flask's test requests come from 127.0.0.1 unless told otherwise.
            let addr = self
                .client
                .default_remote_addr()
                .unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
            extensions.insert(axum::extract::ConnectInfo(addr));
        }
        if !headers.contains_key(header::USER_AGENT) {
            headers.insert(header::USER_AGENT, HeaderValue::from_static(USER_AGENT));
        }
        loop {
            let head = Head {
                method: &method,
                path: &path,
                headers: &headers,
                extensions: &extensions,
                scheme: self.scheme,
            };
            let response = send_once(self.client, head, body.clone()).await;
            let status = response.status();
            let root = &self.client.base().root;
            let location = response
                .location()
                .map(|l| within(root, resolve(&format!("{root}{path}"), l)));
            match location {
                Some(next)
                    if follow && status.is_redirection() && history.len() < MAX_REDIRECTS =>
                {
                    history.push(path);
                    path = next;
                    // 301/302/303 turn into a GET without a body, as browsers do;
                    // 307/308 repeat the request as it was.
                    if !matches!(
                        status,
                        StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT
                    ) {
                        if method != Method::HEAD {
                            method = Method::GET;
                        }
                        body = Bytes::new();
                        headers.remove(header::CONTENT_TYPE);
                        headers.remove(header::CONTENT_LENGTH);
                    }
                }
                _ => return response.with_history(path, history),
            }
        }
    }
}

/// What one request sends, besides its body.
struct Head<'a> {
    method: &'a Method,
    path: &'a str,
    headers: &'a HeaderMap,
    extensions: &'a http::Extensions,
    scheme: Option<&'static str>,
}

/// One request, no redirects: cookies from the jar go out, cookies set come back in.
async fn send_once(client: &TestClient, head: Head<'_>, body: Bytes) -> TestResponse {
    let path = head.path;
    let mut request = Request::new(Body::from(body));
    *request.method_mut() = head.method.clone();
    *request.headers_mut() = head.headers.clone();
    *request.extensions_mut() = head.extensions.clone();
    let base = client.base();
    let request_headers = request.headers_mut();
    if !request_headers.contains_key(header::HOST) {
        let host = base
            .host
            .as_deref()
            .and_then(|host| HeaderValue::try_from(host).ok())
            .unwrap_or(HeaderValue::from_static("localhost"));
        request_headers.insert(header::HOST, host);
    }
    let scheme = head.scheme.or(base.https.then_some("https"));
    let uri = match scheme {
        Some(scheme) => {
            let host = request_headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            format!("{scheme}://{host}{path}")
        }
        None => path.to_owned(),
    };
    *request.uri_mut() = uri
        .parse()
        .unwrap_or_else(|e| panic!("invalid request path {path:?}: {e}"));
    let request_headers = request.headers_mut();
    // The browser's path: the app's under the root it is mounted at.
    let cookie_path = format!("{}{}", base.root, path.split('?').next().unwrap_or("/"));
    let cookies = if client.uses_cookies() {
        client.jar().header_for(&cookie_path)
    } else {
        None
    };
    if let Some(value) = cookies.and_then(|c| HeaderValue::try_from(c).ok()) {
        request_headers.insert(header::COOKIE, value);
    }
    let response = match client.router().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    if let Some(failure) = response.extensions().get::<crate::pipeline::Propagated>() {
        panic!(
            "the app failed on {} (TESTING is on, so the failure reaches the test, as in Flask)",
            failure.0
        );
    }
    if client.uses_cookies() {
        store_cookies(client, response.headers());
    }
    TestResponse::read(response).await
}

fn store_cookies(client: &TestClient, headers: &HeaderMap) {
    let mut jar = client.jar();
    for set_cookie in headers.get_all(header::SET_COOKIE) {
        if let Ok(text) = set_cookie.to_str() {
            jar.store(text);
        }
    }
}

impl<'c> std::future::IntoFuture for TestRequest<'c> {
    type Output = TestResponse;
    type IntoFuture =
        std::pin::Pin<Box<dyn std::future::Future<Output = TestResponse> + Send + 'c>>;

    /// `request.await` is `request.send().await`.
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The path a `Location` points to, seen from `current` (absolute URLs keep only
/// their path and query: everything is this app).
fn resolve(current: &str, location: &str) -> String {
    if let Some(rest) = location
        .strip_prefix("http://")
        .or_else(|| location.strip_prefix("https://"))
    {
        return rest
            .find('/')
            .and_then(|i| rest.get(i..))
            .unwrap_or("/")
            .to_owned();
    }
    if location.starts_with('/') {
        return location.to_owned();
    }
    let base = current.split('?').next().unwrap_or("/");
    let dir = base.rfind('/').and_then(|i| base.get(..=i)).unwrap_or("");
    format!("{dir}{location}")
}

/// A browser's path as the app's: `root` taken off its start (`/foo/x` → `/x`,
/// `/foo` → `/`); a path outside the root is left as it is.
fn within(root: &str, path: String) -> String {
    match path.strip_prefix(root) {
        Some(rest) if !root.is_empty() && (rest.is_empty() || rest.starts_with('?')) => {
            format!("/{rest}")
        }
        Some(rest) if !root.is_empty() && rest.starts_with('/') => rest.to_owned(),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::{resolve, within};

    #[test]
    fn redirects_under_the_root_come_back_into_the_app() {
        assert_eq!(within("/foo", "/foo/x?y=1".to_owned()), "/x?y=1");
        assert_eq!(within("/foo", "/foo".to_owned()), "/");
        assert_eq!(within("/foo", "/foo?a".to_owned()), "/?a");
        assert_eq!(within("/foo", "/foobar".to_owned()), "/foobar");
        assert_eq!(within("/foo", "/elsewhere".to_owned()), "/elsewhere");
        assert_eq!(within("", "/x".to_owned()), "/x");
    }

    #[test]
    fn locations_resolve_against_the_current_path() {
        assert_eq!(resolve("/a/b", "/c"), "/c");
        assert_eq!(resolve("/a/b?x=1", "c"), "/a/c");
        assert_eq!(resolve("/a/", "c?d=1"), "/a/c?d=1");
        assert_eq!(resolve("/", "http://localhost/x?y"), "/x?y");
        assert_eq!(resolve("/", "http://localhost"), "/");
    }
}
