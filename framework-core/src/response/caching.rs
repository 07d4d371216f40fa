//! The caching headers of a file response (Werkzeug's `send_file` `max_age`): with no
//! maximum age, `Cache-Control: no-cache` (use it, but revalidate each time, which
//! costs a `304` while the file is unchanged); with one, `public, max-age=…` and
//! `Expires`.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderValue, header};

/// The `Cache-Control` of a file sent with `max_age`.
pub(crate) fn cache_control(max_age: Option<Duration>) -> String {
    match max_age.map(|age| age.as_secs()) {
        None => "no-cache".to_owned(),
        Some(0) => "no-cache, max-age=0".to_owned(),
        Some(secs) => format!("public, max-age={secs}"),
    }
}

/// Sets `Cache-Control` (already formatted by [`cache_control`]) and, with a maximum
/// age, `Expires`.
pub(crate) fn apply(
    headers: &mut HeaderMap,
    cache_control: &HeaderValue,
    max_age: Option<Duration>,
) {
    headers.insert(header::CACHE_CONTROL, cache_control.clone());
    if let Some(max_age) = max_age {
        let expires = httpdate::fmt_http_date(SystemTime::now() + max_age);
        if let Ok(value) = HeaderValue::from_str(&expires) {
            headers.insert(header::EXPIRES, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_werkzeug() {
        assert_eq!(cache_control(None), "no-cache");
        assert_eq!(cache_control(Some(Duration::ZERO)), "no-cache, max-age=0");
        assert_eq!(
            cache_control(Some(Duration::from_secs(3600))),
            "public, max-age=3600"
        );
    }
}
