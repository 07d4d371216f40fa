//! `TRUSTED_HOSTS`: the host names the app answers to (Flask's and Werkzeug's rule).

use axum::extract::Request;
use http::header;

/// Host names a request may name in `Host` (or its URI's authority). An entry
/// `example.com` matches that name; `.example.com` matches it and every subdomain. The
/// port is ignored, and case does not matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedHosts(Vec<String>);

impl TrustedHosts {
    /// The list, as written in `TRUSTED_HOSTS`.
    pub fn new<S: Into<String>>(hosts: impl IntoIterator<Item = S>) -> Self {
        TrustedHosts(
            hosts
                .into_iter()
                .map(|h| h.into().trim().to_ascii_lowercase())
                .filter(|h| !h.is_empty())
                .collect(),
        )
    }

    /// Whether `host` (a `Host` value, maybe with a port) is one of them.
    pub fn allows(&self, host: &str) -> bool {
        let name = strip_port(host).to_ascii_lowercase();
        let name = name.trim_end_matches('.');
        self.0
            .iter()
            .any(|trusted| match trusted.strip_prefix('.') {
                Some(domain) => name == domain || name.ends_with(trusted.as_str()),
                None => name == trusted,
            })
    }

    /// Whether the request names a trusted host.
    pub(crate) fn allows_request(&self, request: &Request) -> bool {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .or_else(|| request.uri().authority().map(|a| a.as_str()));
        host.is_some_and(|host| self.allows(host))
    }
}

fn strip_port(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        // An IPv6 literal: `[::1]:5000`.
        return rest.split(']').next().unwrap_or(rest);
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_subdomains_ports_and_case() {
        let hosts = TrustedHosts::new(["example.com", ".example.org", "[::1]"]);
        assert!(hosts.allows("example.com"));
        assert!(hosts.allows("EXAMPLE.com:8080"));
        assert!(!hosts.allows("www.example.com"));
        assert!(hosts.allows("example.org"));
        assert!(hosts.allows("a.b.example.org:443"));
        assert!(!hosts.allows("badexample.org"));
        assert!(!hosts.allows("evil.com"));
        assert!(TrustedHosts::new(["::1"]).allows("[::1]:5000"));
    }
}
