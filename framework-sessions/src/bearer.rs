//! Requests that carry `Authorization: Bearer …` are API requests, authenticated by
//! their token and never by the session cookie. A browser puts that header on a
//! cross-site request only when the site's CORS policy allows it, so such requests
//! skip the CSRF check; and the session's login does not count for them
//! ([`CurrentUser`](crate::CurrentUser) is `None`), so a request that skipped the
//! check is never authenticated by the cookie.

use http::{HeaderMap, header};

/// The bearer token of the request's `Authorization` header, if it has one: the
/// one test of "is this a token request" that the CSRF check, the login helpers and
/// the bearer-token extractors all use.
///
/// ```
/// use framework_core::http::{HeaderMap, HeaderValue};
/// use framework_sessions::bearer_token;
///
/// let mut headers = HeaderMap::new();
/// assert_eq!(bearer_token(&headers), None);
/// headers.insert("authorization", HeaderValue::from_static("Bearer abc.def"));
/// assert_eq!(bearer_token(&headers), Some("abc.def"));
/// headers.insert("authorization", HeaderValue::from_static("Basic dXNlcg=="));
/// assert_eq!(bearer_token(&headers), None);
/// ```
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}
