//! Typed reverse routing: the URLs that `url_for!` and `route::url(..)` build.

use std::cell::Cell;
use std::fmt;
use std::sync::Arc;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters escaped in one path segment: everything but RFC 3986 `pchar`.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Like [`SEGMENT`] but keeps `/`: for a trailing catch-all (`<path:rest>`).
const PATH: &AsciiSet = &SEGMENT.remove(b'/');

/// Characters escaped in a query key or value (form-urlencoding's reserved set).
const QUERY: &AsciiSet = &SEGMENT.add(b'&').add(b'=').add(b'+').add(b'/');

/// A URL built from a route, ready to put in a link or a redirect.
///
/// Made by `url_for!(module::route, param = value)` or `module::route::url(value)`;
/// both are checked at compile time against the route's parameters. Displays as the
/// path (with query), and dereferences to `str`.
///
/// ```
/// use framework_core::Url;
///
/// let url = Url::from_path("/search").query("q", "a b&c").query("page", 2);
/// assert_eq!(url.as_str(), "/search?q=a%20b%26c&page=2");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Url {
    buf: String,
    /// The length of the request's script root at the start of `buf` (see
    /// [`script_root`]), 0 for none.
    root: usize,
    has_query: bool,
    /// Where `#fragment` starts in `buf`, if there is one (queries go before it).
    fragment: Option<usize>,
}

/// Characters escaped in a fragment.
const FRAGMENT: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`');

impl Url {
    /// A URL from an already encoded path.
    pub fn from_path(path: impl Into<String>) -> Self {
        let buf: String = path.into();
        let fragment = buf.find('#');
        // `find` gives a character boundary, so `get` always succeeds.
        let has_query = buf
            .get(..fragment.unwrap_or(buf.len()))
            .is_some_and(|before| before.contains('?'));
        Self {
            buf,
            root: 0,
            has_query,
            fragment,
        }
    }

    /// Appends `key=value` to the query string, percent-encoded (Flask's `url_for`
    /// puts unknown arguments there).
    pub fn query(mut self, key: &str, value: impl fmt::Display) -> Self {
        let fragment = self.fragment.map(|at| self.buf.split_off(at));
        self.buf.push(if self.has_query { '&' } else { '?' });
        self.has_query = true;
        self.buf.extend(utf8_percent_encode(key, QUERY));
        self.buf.push('=');
        let value = value.to_string();
        self.buf.extend(utf8_percent_encode(&value, QUERY));
        if let Some(fragment) = fragment {
            self.fragment = Some(self.buf.len());
            self.buf.push_str(&fragment);
        }
        self
    }

    /// This path with `old` at its start replaced by `new`: the URL a route has in a
    /// copy of its blueprint registered under another prefix. Both are encoded path
    /// prefixes without a trailing `/`; a URL not under `old` is left alone.
    pub(crate) fn rebase(mut self, old: &str, new: &str) -> Self {
        let root = self.root;
        if self
            .buf
            .get(root..)
            .is_some_and(|path| path.starts_with(old))
        {
            self.buf.replace_range(root..root + old.len(), new);
            let moved = |at: usize| at - old.len() + new.len();
            self.fragment = self.fragment.map(moved);
        }
        self
    }

    /// Sets the `#fragment`, percent-encoded (Flask's `url_for(..., _anchor=...)`;
    /// `url_for!(blog::index, _anchor = "comments")` calls this).
    ///
    /// ```
    /// use framework_core::Url;
    ///
    /// let url = Url::from_path("/post/1").anchor("comment 3").query("page", 2);
    /// assert_eq!(url.as_str(), "/post/1?page=2#comment%203");
    /// ```
    pub fn anchor(mut self, fragment: &str) -> Self {
        if let Some(at) = self.fragment {
            self.buf.truncate(at);
        }
        self.fragment = Some(self.buf.len());
        self.buf.push('#');
        self.buf.extend(utf8_percent_encode(fragment, FRAGMENT));
        self
    }

    /// This URL on `base`'s scheme and host, `https://example.com/path` (Flask's
    /// `_external=True`; `url_for!(index, _external = base)` calls this).
    ///
    /// ```
    /// use framework_core::url::{Url, UrlBase};
    ///
    /// let base = UrlBase::new("https", "example.com");
    /// assert_eq!(Url::from_path("/a?b=1").external(&base).as_str(), "https://example.com/a?b=1");
    /// ```
    pub fn external(mut self, base: &UrlBase) -> Self {
        if self.buf.contains("://") {
            return self;
        }
        // A URL that already starts with the request's script root takes no other.
        let root = if self.root > 0 {
            ""
        } else {
            base.root.as_str()
        };
        let origin = format!("{}://{}{}", base.scheme, base.host, root);
        self.fragment = self.fragment.map(|at| at + origin.len());
        self.buf.insert_str(0, &origin);
        self
    }

    /// An external URL with another scheme (Flask's `_scheme`, which needs
    /// `_external`); a path stays as it is.
    ///
    /// ```
    /// use framework_core::url::{Url, UrlBase};
    ///
    /// let base = UrlBase::new("http", "example.com");
    /// let url = Url::from_path("/").external(&base).scheme("https");
    /// assert_eq!(url.as_str(), "https://example.com/");
    /// ```
    pub fn scheme(mut self, scheme: &str) -> Self {
        if let Some(end) = self.buf.find("://") {
            let shift = scheme.len() as isize - end as isize;
            self.buf.replace_range(..end, scheme);
            self.fragment = self.fragment.map(|at| (at as isize + shift) as usize);
        }
        self
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// The URL as an owned `String`.
    pub fn into_string(self) -> String {
        self.buf
    }
}

/// Where external URLs point: a scheme and a host. As an extractor it is the app's
/// `SERVER_NAME` and `PREFERRED_URL_SCHEME` if the app set them, or else the request's
/// own host and scheme, as in Flask.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::url::UrlBase;
///
/// #[get("/")]
/// async fn index() -> &'static str {
///     "home"
/// }
///
/// #[get("/share")]
/// async fn share(base: UrlBase) -> String {
///     url_for!(index, _external = base).to_string()
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![index, share]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlBase {
    scheme: String,
    host: String,
    /// Put in front of every path (Flask's `APPLICATION_ROOT`): `/` or `/app`.
    root: String,
}

impl UrlBase {
    /// A base of this scheme (`https`) and host (`example.com`, maybe with a port).
    pub fn new(scheme: impl Into<String>, host: impl Into<String>) -> Self {
        UrlBase {
            scheme: scheme.into(),
            host: host.into(),
            root: String::new(),
        }
    }

    /// The path the app is mounted at, put in front of every external URL's path
    /// (Flask's `APPLICATION_ROOT`, for links made outside the app's own requests,
    /// such as in emails).
    ///
    /// ```
    /// use framework_core::url::{Url, UrlBase};
    ///
    /// let base = UrlBase::new("https", "example.com").root("/shop/");
    /// assert_eq!(Url::from_path("/cart").external(&base).as_str(), "https://example.com/shop/cart");
    /// ```
    pub fn root(mut self, root: &str) -> Self {
        self.root = root.trim_end_matches('/').to_owned();
        if !self.root.is_empty() && !self.root.starts_with('/') {
            self.root.insert(0, '/');
        }
        self
    }

    /// The scheme.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host.
    pub fn host(&self) -> &str {
        &self.host
    }
}

/// The app's `SERVER_NAME` base, when it has one (in the request's extensions).
#[derive(Clone, Debug)]
pub(crate) struct ServerName(pub(crate) UrlBase);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for UrlBase {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        if let Some(ServerName(base)) = parts.extensions.get::<ServerName>() {
            return Ok(base.clone());
        }
        let host = parts
            .headers
            .get(http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .unwrap_or("localhost");
        let scheme = parts.uri.scheme_str().unwrap_or("http");
        let base = UrlBase::new(scheme, host);
        // The prefix a trusted proxy serves the app under (`X-Forwarded-Prefix`).
        Ok(
            match parts.extensions.get::<crate::security::ForwardedPrefix>() {
                Some(prefix) => base.root(&prefix.0),
                None => base,
            },
        )
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.buf)
    }
}

impl std::ops::Deref for Url {
    type Target = str;
    fn deref(&self) -> &str {
        &self.buf
    }
}

impl AsRef<str> for Url {
    fn as_ref(&self) -> &str {
        &self.buf
    }
}

impl From<Url> for String {
    fn from(url: Url) -> String {
        url.buf
    }
}

impl PartialEq<str> for Url {
    fn eq(&self, other: &str) -> bool {
        self.buf == other
    }
}

impl PartialEq<&str> for Url {
    fn eq(&self, other: &&str) -> bool {
        self.buf == *other
    }
}

/// Builds a route's URL piece by piece; used by generated `url()` functions.
#[doc(hidden)]
pub struct UrlBuilder(String);

impl UrlBuilder {
    pub fn new(capacity: usize) -> Self {
        Self(String::with_capacity(capacity))
    }
    pub fn literal(&mut self, text: &str) {
        self.0.push_str(text);
    }
    pub fn segment(&mut self, value: &dyn fmt::Display) {
        let value = value.to_string();
        self.0.extend(utf8_percent_encode(&value, SEGMENT));
    }
    pub fn rest(&mut self, value: &dyn fmt::Display) {
        let value = value.to_string();
        self.0.extend(utf8_percent_encode(&value, PATH));
    }
    pub fn finish(self) -> Url {
        let mut buf = self.0;
        let root = SCRIPT_ROOT.with(|current| {
            let root = current.take();
            let len = root.as_deref().map_or(0, |root| {
                buf.insert_str(0, root);
                root.len()
            });
            current.set(root);
            len
        });
        Url {
            buf,
            root,
            has_query: false,
            fragment: None,
        }
    }
}

thread_local! {
    /// The script root of the request being polled on this thread, if it has one.
    static SCRIPT_ROOT: Cell<Option<Arc<str>>> = const { Cell::new(None) };
}

/// The path prefix the app is served under in the current request, as a trusted
/// proxy said with `X-Forwarded-Prefix` (Flask's `request.script_root`, which
/// Werkzeug's `ProxyFix` sets from the same header); empty otherwise. `url_for!`
/// and `route::url(..)` put it in front of every path they build, and the
/// trailing-slash redirect keeps it, so links and redirects stay under the prefix.
///
/// ```
/// use framework_core::prelude::*;
///
/// #[get("/where")]
/// async fn place() -> String {
///     format!("mounted at {:?}", framework_core::url::script_root())
/// }
///
/// let app = App::new().register(routes![place]);
/// // Outside a request, or without a trusted proxy's prefix: empty.
/// assert_eq!(framework_core::url::script_root(), "");
/// ```
pub fn script_root() -> String {
    SCRIPT_ROOT.with(|current| {
        let root = current.take();
        let text = root.as_deref().unwrap_or_default().to_owned();
        current.set(root);
        text
    })
}

/// The current script root (for a task that continues the request elsewhere).
pub(crate) fn current_root() -> Option<Arc<str>> {
    SCRIPT_ROOT.with(|current| {
        let root = current.take();
        current.set(root.clone());
        root
    })
}

/// Runs `f` with `root` as this thread's script root; `root` is given back after
/// (the two are swapped in and out, so nothing is cloned), also if `f` panics.
pub(crate) fn with_root<R>(root: &mut Option<Arc<str>>, f: impl FnOnce() -> R) -> R {
    /// Swaps the script root back on the way out.
    struct Restore<'a>(&'a mut Option<Arc<str>>);
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            let inner = SCRIPT_ROOT.with(|current| current.replace(self.0.take()));
            *self.0 = inner;
        }
    }
    *root = SCRIPT_ROOT.with(|current| current.replace(root.take()));
    let _restore = Restore(root);
    f()
}

/// A value accepted for a URL parameter declared with type `T`: `T` itself, `&T`, and
/// `&str` for `String` parameters.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used for a URL parameter of type `{T}`",
    label = "expected `{T}` (or `&{T}`) here",
    note = "URL parameters take the type of the handler argument they bind to"
)]
pub trait UrlArg<T> {
    /// The value as the parameter's type.
    fn into_url_arg(self) -> T;
}

impl<T> UrlArg<T> for T {
    fn into_url_arg(self) -> T {
        self
    }
}

impl<T: Clone> UrlArg<T> for &T {
    fn into_url_arg(self) -> T {
        self.clone()
    }
}

impl UrlArg<String> for &str {
    fn into_url_arg(self) -> String {
        self.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_percent_encoded() {
        let mut b = UrlBuilder::new(8);
        b.literal("/users/");
        b.segment(&"a b/c?");
        assert_eq!(b.finish().as_str(), "/users/a%20b%2Fc%3F");
    }

    #[test]
    fn catch_all_keeps_slashes() {
        let mut b = UrlBuilder::new(8);
        b.literal("/files/");
        b.rest(&"dir/a b.txt");
        assert_eq!(b.finish().as_str(), "/files/dir/a%20b.txt");
    }

    #[test]
    fn query_arguments_are_appended() {
        let url = Url::from_path("/").query("next", "/a?b=c").query("x", 1);
        assert_eq!(url.as_str(), "/?next=%2Fa%3Fb%3Dc&x=1");
    }

    fn built(path: &str) -> Url {
        let mut b = UrlBuilder::new(8);
        b.literal(path);
        b.finish()
    }

    #[test]
    fn the_script_root_goes_in_front_once_and_only_while_set() {
        let mut root = Some(Arc::<str>::from("/blog"));
        let (relative, copied, external) = with_root(&mut root, || {
            assert_eq!(script_root(), "/blog");
            let base = UrlBase::new("https", "example.com").root("/blog");
            (
                built("/bp/post"),
                built("/bp/post").rebase("/bp", "/copy"),
                built("/post").external(&base),
            )
        });
        assert_eq!(root.as_deref(), Some("/blog"), "given back");
        assert_eq!(relative.as_str(), "/blog/bp/post");
        assert_eq!(copied.as_str(), "/blog/copy/post");
        assert_eq!(external.as_str(), "https://example.com/blog/post");
        assert_eq!(script_root(), "");
        assert_eq!(built("/post").as_str(), "/post");
        // A path made by hand is the app's own: no root.
        let mut root = Some(Arc::<str>::from("/blog"));
        assert_eq!(with_root(&mut root, || Url::from_path("/x")).as_str(), "/x");
    }
}
