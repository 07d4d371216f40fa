//! `TRUSTED_PROXIES`: the `X-Forwarded-*` headers a reverse proxy (nginx) adds are
//! believed only when the request came through one the app trusts (Werkzeug's
//! `ProxyFix`, with the proxies named). The request is then rewritten to what the
//! client sent the proxy: its address, scheme, host and path prefix.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};
use http::{HeaderMap, HeaderValue, Uri, header};
use ipnet::IpNet;

/// Which peers may tell the app about the client through `X-Forwarded-For`,
/// `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-Prefix`.
///
/// - **Networks** (`TRUSTED_PROXIES=127.0.0.1, 10.0.0.0/8`): the headers count only
///   when the connection comes from one of them; the client is the last address of
///   `X-Forwarded-For` that is not a trusted proxy. A client that sends these headers
///   itself, straight to the app, is ignored.
/// - **A count** (`TRUSTED_PROXIES=1`): every connection comes through that many
///   proxies, so the last that many `X-Forwarded-For` entries are theirs. Use it only
///   when nothing but the proxies can reach the app: anyone who can is believed.
///
/// ```
/// use framework_core::App;
/// use framework_core::security::TrustedProxies;
///
/// let proxies: TrustedProxies = "127.0.0.1, ::1, 10.0.0.0/8".parse().unwrap();
/// let app = App::new().trusted_proxies(proxies);
/// assert!("not-an-address".parse::<TrustedProxies>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrustedProxies {
    /// Proxies at these addresses and networks.
    Networks(Vec<IpNet>),
    /// This many proxies in front of the app, whatever their addresses.
    Hops(usize),
}

/// The path prefix a trusted proxy mounts the app under (`X-Forwarded-Prefix`), in
/// the request's extensions: the script root of the URLs the app builds.
#[derive(Clone, Debug)]
pub(crate) struct ForwardedPrefix(pub(crate) std::sync::Arc<str>);

/// A `TRUSTED_PROXIES` value that is neither a count nor a list of addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidProxies(String);

impl std::fmt::Display for InvalidProxies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "TRUSTED_PROXIES must be a number of proxies (`1`) or a comma-separated list of addresses and networks (`127.0.0.1, 10.0.0.0/8`); `{}` is neither",
            self.0
        )
    }
}

impl std::error::Error for InvalidProxies {}

impl std::str::FromStr for TrustedProxies {
    type Err = InvalidProxies;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if let Ok(hops) = text.parse::<usize>() {
            return Ok(TrustedProxies::Hops(hops));
        }
        let networks = text
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| InvalidProxies(entry.to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if networks.is_empty() {
            return Err(InvalidProxies(text.to_owned()));
        }
        Ok(TrustedProxies::Networks(networks))
    }
}

impl TrustedProxies {
    /// Rewrites `request` as its client sent it to the proxy, if it came through a
    /// trusted one; otherwise leaves it as it is.
    pub(crate) fn apply(&self, request: &mut Request) {
        let Some(peer) = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())
        else {
            return;
        };
        let headers = request.headers();
        let forwarded_for = list(headers, "x-forwarded-for");
        let client = match self {
            TrustedProxies::Networks(networks) => {
                let trusted = |ip: &IpAddr| networks.iter().any(|net| net.contains(ip));
                if !trusted(&peer) {
                    return;
                }
                // From the nearest hop back: the first address not a trusted proxy.
                forwarded_for
                    .iter()
                    .rev()
                    .filter_map(|entry| parse_ip(entry))
                    .find(|ip| !trusted(ip))
            }
            TrustedProxies::Hops(0) => return,
            TrustedProxies::Hops(hops) => forwarded_for
                .len()
                .checked_sub(*hops)
                .and_then(|i| parse_ip(forwarded_for[i])),
        };
        let proto = last(headers, "x-forwarded-proto").map(str::to_ascii_lowercase);
        let host = last(headers, "x-forwarded-host").and_then(|h| HeaderValue::from_str(h).ok());
        let prefix = last(headers, "x-forwarded-prefix")
            .map(|p| p.trim_end_matches('/'))
            .filter(|p| is_path_prefix(p))
            .map(std::sync::Arc::<str>::from);

        if let Some(client) = client {
            request
                .extensions_mut()
                .insert(ConnectInfo(SocketAddr::new(client, 0)));
        }
        if let Some(host) = host {
            request.headers_mut().insert(header::HOST, host);
        }
        if let Some(proto) = proto.filter(|p| p == "https" || p == "http") {
            set_scheme(request, &proto);
        }
        if let Some(prefix) = prefix {
            request.extensions_mut().insert(ForwardedPrefix(prefix));
        }
    }
}

/// A prefix that can go in front of the app's paths: `/app`, `/a/b`. Not `//host`
/// or `/\host` (a browser reads either as another site), nor one with a query, a
/// fragment or spaces.
pub(crate) fn is_path_prefix(prefix: &str) -> bool {
    prefix.starts_with('/')
        && !prefix.starts_with("//")
        && !prefix
            .bytes()
            .any(|b| matches!(b, b'\\' | b'?' | b'#' | b' ' | b'\t'))
}

/// The comma-separated entries of every `name` header, in order.
fn list<'h>(headers: &'h HeaderMap, name: &str) -> Vec<&'h str> {
    headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .collect()
}

/// The entry the nearest proxy added.
fn last<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    list(headers, name).pop()
}

/// An address as proxies write it: `203.0.113.7`, `2001:db8::1`, `[2001:db8::1]:4000`
/// or `203.0.113.7:4000`.
fn parse_ip(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

/// Gives the request's URI the scheme the client used, with the host as authority,
/// so that everything reading `uri().scheme()` (external URLs, HSTS) sees it.
fn set_scheme(request: &mut Request, scheme: &str) {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()))
        .unwrap_or("localhost")
        .to_owned();
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    if let Ok(uri) = Uri::builder()
        .scheme(scheme)
        .authority(host)
        .path_and_query(path)
        .build()
    {
        *request.uri_mut() = uri;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: &str, headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder()
            .uri("/page?x=1")
            .header("host", "app.internal");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let mut request = builder.body(axum::body::Body::empty()).unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        request
    }

    fn client(request: &Request) -> IpAddr {
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .unwrap()
            .0
            .ip()
    }

    #[test]
    fn a_trusted_proxy_is_believed() {
        let proxies: TrustedProxies = "127.0.0.1, 10.0.0.0/8".parse().unwrap();
        let mut req = request(
            "127.0.0.1:5000",
            &[
                ("x-forwarded-for", "198.51.100.1, 203.0.113.7, 10.1.2.3"),
                ("x-forwarded-proto", "https"),
                ("x-forwarded-host", "example.com"),
                ("x-forwarded-prefix", "/shop/"),
            ],
        );
        proxies.apply(&mut req);
        // 10.1.2.3 is a trusted proxy too; 203.0.113.7 is the client; the entry
        // before it is the client's own claim, not believed.
        assert_eq!(client(&req), "203.0.113.7".parse::<IpAddr>().unwrap());
        assert_eq!(req.uri().to_string(), "https://example.com/page?x=1");
        assert_eq!(req.headers()["host"], "example.com");
        assert_eq!(
            req.extensions()
                .get::<ForwardedPrefix>()
                .unwrap()
                .0
                .as_ref(),
            "/shop"
        );
    }

    #[test]
    fn anyone_else_is_ignored() {
        let proxies: TrustedProxies = "127.0.0.1".parse().unwrap();
        let mut req = request(
            "203.0.113.9:4000",
            &[
                ("x-forwarded-for", "1.2.3.4"),
                ("x-forwarded-proto", "https"),
            ],
        );
        proxies.apply(&mut req);
        assert_eq!(client(&req), "203.0.113.9".parse::<IpAddr>().unwrap());
        assert_eq!(req.uri().to_string(), "/page?x=1");
        assert_eq!(req.headers()["host"], "app.internal");
    }

    #[test]
    fn a_count_of_hops_takes_that_many_from_the_end() {
        let proxies: TrustedProxies = "2".parse().unwrap();
        let mut req = request(
            "192.0.2.1:1",
            &[("x-forwarded-for", "9.9.9.9, 203.0.113.7, 192.0.2.50")],
        );
        proxies.apply(&mut req);
        assert_eq!(client(&req), "203.0.113.7".parse::<IpAddr>().unwrap());
        // Fewer entries than hops: nothing to believe.
        let mut req = request("192.0.2.1:1", &[("x-forwarded-for", "203.0.113.7")]);
        proxies.apply(&mut req);
        assert_eq!(client(&req), "192.0.2.1".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn the_setting_is_a_count_or_a_list() {
        assert_eq!("1".parse::<TrustedProxies>(), Ok(TrustedProxies::Hops(1)));
        assert!(matches!(
            "::1, fd00::/8".parse::<TrustedProxies>(),
            Ok(TrustedProxies::Networks(n)) if n.len() == 2
        ));
        let error = "127.0.0.1, nginx".parse::<TrustedProxies>().unwrap_err();
        assert!(error.to_string().contains("`nginx`"), "{error}");
        assert!("".parse::<TrustedProxies>().is_err());
    }
}
