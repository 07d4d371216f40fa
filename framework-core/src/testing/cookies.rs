//! The test client's cookie jar: keeps what `Set-Cookie` sets, sends it back.

use std::collections::BTreeMap;

use cookie::Cookie;
use cookie::time::OffsetDateTime;

/// Cookies by name, with the path they were set for.
#[derive(Clone, Debug, Default)]
pub(crate) struct Jar {
    cookies: BTreeMap<String, (String, String)>,
}

impl Jar {
    /// Applies one `Set-Cookie` header value: sets, replaces, or deletes (an expiry in
    /// the past or `Max-Age=0`).
    pub(crate) fn store(&mut self, header: &str) {
        let Ok(cookie) = Cookie::parse(header.to_owned()) else {
            return;
        };
        let expired = cookie
            .max_age()
            .is_some_and(|age| age.is_zero() || age.is_negative())
            || cookie
                .expires_datetime()
                .is_some_and(|at| at <= OffsetDateTime::now_utc());
        let name = cookie.name().to_owned();
        if expired {
            self.cookies.remove(&name);
        } else {
            let path = cookie.path().unwrap_or("/").to_owned();
            self.cookies.insert(name, (cookie.value().to_owned(), path));
        }
    }

    /// The `Cookie` header for a request to `path`, if any cookie applies.
    pub(crate) fn header_for(&self, path: &str) -> Option<String> {
        let pairs: Vec<String> = self
            .cookies
            .iter()
            .filter(|(_, (_, cookie_path))| path_matches(cookie_path, path))
            .map(|(name, (value, _))| format!("{name}={value}"))
            .collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(|(value, _)| value.as_str())
    }

    pub(crate) fn set(&mut self, name: &str, value: &str) {
        self.cookies
            .insert(name.to_owned(), (value.to_owned(), "/".to_owned()));
    }

    pub(crate) fn remove(&mut self, name: &str) {
        self.cookies.remove(name);
    }
}

/// RFC 6265 path matching.
fn path_matches(cookie_path: &str, request_path: &str) -> bool {
    request_path == cookie_path
        || request_path
            .strip_prefix(cookie_path)
            .is_some_and(|rest| cookie_path.ends_with('/') || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_replaces_and_deletes() {
        let mut jar = Jar::default();
        jar.store("session=abc; Path=/; HttpOnly");
        jar.store("theme=dark");
        assert_eq!(
            jar.header_for("/x").as_deref(),
            Some("session=abc; theme=dark")
        );
        jar.store("session=def; Path=/");
        assert_eq!(jar.get("session"), Some("def"));
        jar.store("session=; Max-Age=0; Path=/");
        assert_eq!(jar.get("session"), None);
        jar.store("theme=; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(jar.header_for("/"), None);
    }

    #[test]
    fn paths_scope_cookies() {
        let mut jar = Jar::default();
        jar.store("a=1; Path=/admin");
        assert_eq!(jar.header_for("/admin/users").as_deref(), Some("a=1"));
        assert_eq!(jar.header_for("/administrator"), None);
        assert_eq!(jar.header_for("/"), None);
    }
}
