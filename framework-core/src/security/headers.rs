//! The security headers every response carries: built once when the app is, added
//! to each response at the end of the pipeline unless the response has its own.

use axum::extract::Request;
use axum::response::Response;
use http::header::{self, HeaderName};
use http::{HeaderValue, uri::Scheme};
use serde::Deserialize;

use crate::config::{Config, ConfigError};

/// `Strict-Transport-Security` in production: a year, subdomains included.
pub const DEFAULT_HSTS: &str = "max-age=31536000; includeSubDomains";

/// The headers added to every response of an app: its pages, its error pages, its
/// redirects, static files and the answers to unknown paths alike. A response that
/// already has one of them (set by its handler or an `after_request` hook) keeps its
/// own value.
///
/// By default `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` and
/// `Referrer-Policy: strict-origin-when-cross-origin`; no `Content-Security-Policy`
/// (a policy depends on the app's pages); `Strict-Transport-Security` only when set,
/// which [`App::configure`](crate::App::configure) does in production, and sent only
/// on requests that came over HTTPS.
///
/// ```
/// use framework_core::App;
/// use framework_core::security::SecurityHeaders;
///
/// let headers = SecurityHeaders::default()
///     .content_security_policy(Some("default-src 'self'; frame-ancestors 'none'"))
///     .unwrap()
///     .strict_transport_security(Some("max-age=63072000"))
///     .unwrap();
/// let app = App::new().security_headers(headers);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityHeaders {
    /// Sent on every response, in this order.
    always: Vec<(HeaderName, HeaderValue)>,
    /// Sent on responses to requests that came over HTTPS.
    hsts: Option<HeaderValue>,
}

/// A header value that cannot be sent (a control character, a line break).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidHeader {
    /// The header's name.
    pub name: &'static str,
}

impl std::fmt::Display for InvalidHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} value must be visible ASCII text on one line",
            self.name
        )
    }
}

impl std::error::Error for InvalidHeader {}

impl Default for SecurityHeaders {
    fn default() -> Self {
        SecurityHeaders {
            always: vec![
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
                (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
                (
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                ),
            ],
            hsts: None,
        }
    }
}

impl SecurityHeaders {
    /// No header at all (every one turned off).
    pub fn none() -> Self {
        SecurityHeaders {
            always: Vec::new(),
            hsts: None,
        }
    }

    /// `X-Content-Type-Options` (default `nosniff`); `None` sends none.
    pub fn content_type_options(self, value: Option<&str>) -> Result<Self, InvalidHeader> {
        self.with(
            header::X_CONTENT_TYPE_OPTIONS,
            "X-Content-Type-Options",
            value,
        )
    }

    /// `X-Frame-Options` (default `DENY`; `SAMEORIGIN` lets the app frame itself);
    /// `None` sends none.
    pub fn frame_options(self, value: Option<&str>) -> Result<Self, InvalidHeader> {
        self.with(header::X_FRAME_OPTIONS, "X-Frame-Options", value)
    }

    /// `Referrer-Policy` (default `strict-origin-when-cross-origin`); `None` sends none.
    pub fn referrer_policy(self, value: Option<&str>) -> Result<Self, InvalidHeader> {
        self.with(header::REFERRER_POLICY, "Referrer-Policy", value)
    }

    /// `Content-Security-Policy` (default none), e.g.
    /// `default-src 'self'; frame-ancestors 'none'`.
    pub fn content_security_policy(self, value: Option<&str>) -> Result<Self, InvalidHeader> {
        self.with(
            header::CONTENT_SECURITY_POLICY,
            "Content-Security-Policy",
            value,
        )
    }

    /// `Strict-Transport-Security`, sent only on responses to HTTPS requests (as a
    /// browser ignores it over plain HTTP); `None` sends none. See [`DEFAULT_HSTS`].
    pub fn strict_transport_security(mut self, value: Option<&str>) -> Result<Self, InvalidHeader> {
        self.hsts = value
            .map(|v| parse("Strict-Transport-Security", v))
            .transpose()?;
        Ok(self)
    }

    /// The value sent for `name`, if any (`Strict-Transport-Security` included).
    pub fn get(&self, name: &HeaderName) -> Option<&HeaderValue> {
        if name == header::STRICT_TRANSPORT_SECURITY {
            return self.hsts.as_ref();
        }
        self.always.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    fn with(
        mut self,
        name: HeaderName,
        label: &'static str,
        value: Option<&str>,
    ) -> Result<Self, InvalidHeader> {
        let value = value.map(|v| parse(label, v)).transpose()?;
        match (self.always.iter().position(|(n, _)| *n == name), value) {
            (Some(i), Some(value)) => self.always[i].1 = value,
            (Some(i), None) => {
                self.always.remove(i);
            }
            (None, Some(value)) => self.always.push((name, value)),
            (None, None) => {}
        }
        Ok(self)
    }

    /// These headers with the settings of `config` applied: `X_CONTENT_TYPE_OPTIONS`,
    /// `X_FRAME_OPTIONS`, `REFERRER_POLICY`, `CONTENT_SECURITY_POLICY` and
    /// `STRICT_TRANSPORT_SECURITY` each replace their header's value, an empty one
    /// turns it off; `Strict-Transport-Security` is [`DEFAULT_HSTS`] by default when
    /// `APP_ENV` is `production`.
    pub(crate) fn configure(mut self, config: &Config) -> Result<Self, ConfigError> {
        let settings: Settings = config.settings()?;
        let invalid = |setting: &str, error: InvalidHeader| {
            ConfigError::Setting(format!("{setting}: {error}"))
        };
        for (setting, name, value) in [
            (
                "X_CONTENT_TYPE_OPTIONS",
                header::X_CONTENT_TYPE_OPTIONS,
                &settings.x_content_type_options,
            ),
            (
                "X_FRAME_OPTIONS",
                header::X_FRAME_OPTIONS,
                &settings.x_frame_options,
            ),
            (
                "REFERRER_POLICY",
                header::REFERRER_POLICY,
                &settings.referrer_policy,
            ),
            (
                "CONTENT_SECURITY_POLICY",
                header::CONTENT_SECURITY_POLICY,
                &settings.content_security_policy,
            ),
        ] {
            if let Some(value) = value {
                let label = name.as_str();
                self = self
                    .with(name.clone(), label_of(label), off_if_empty(value))
                    .map_err(|e| invalid(setting, e))?;
            }
        }
        let hsts = match &settings.strict_transport_security {
            Some(value) => Some(off_if_empty(value)),
            None if config.is_production() => Some(Some(DEFAULT_HSTS)),
            None => None,
        };
        if let Some(hsts) = hsts {
            self = self
                .strict_transport_security(hsts)
                .map_err(|e| invalid("STRICT_TRANSPORT_SECURITY", e))?;
        }
        Ok(self)
    }

    /// No header to add, on any response.
    pub(crate) fn is_empty(&self) -> bool {
        self.always.is_empty() && self.hsts.is_none()
    }

    /// Whether a response to `request` gets `Strict-Transport-Security`: the app
    /// sends it and the request came over HTTPS (directly, or as a trusted proxy
    /// said).
    #[inline]
    pub(crate) fn wants_hsts(&self, request: &Request) -> bool {
        self.hsts.is_some() && request.uri().scheme() == Some(&Scheme::HTTPS)
    }

    /// Adds the headers `response` does not have yet.
    #[inline]
    pub(crate) fn apply(&self, response: &mut Response, https: bool) {
        let headers = response.headers_mut();
        // A response has a handful of headers: comparing names (an enum compare for
        // standard ones) costs less than a hashed lookup before each append.
        let has = |headers: &http::HeaderMap, name: &HeaderName| headers.keys().any(|n| n == name);
        for (name, value) in &self.always {
            if !has(headers, name) {
                headers.append(name.clone(), value.clone());
            }
        }
        if https
            && let Some(hsts) = &self.hsts
            && !has(headers, &header::STRICT_TRANSPORT_SECURITY)
        {
            headers.append(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
        }
    }
}

/// The settings [`SecurityHeaders::configure`] reads.
#[derive(Deserialize)]
struct Settings {
    x_content_type_options: Option<String>,
    x_frame_options: Option<String>,
    referrer_policy: Option<String>,
    content_security_policy: Option<String>,
    strict_transport_security: Option<String>,
}

fn off_if_empty(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}

/// The header's name as written in messages.
fn label_of(name: &str) -> &'static str {
    match name {
        "x-content-type-options" => "X-Content-Type-Options",
        "x-frame-options" => "X-Frame-Options",
        "referrer-policy" => "Referrer-Policy",
        _ => "Content-Security-Policy",
    }
}

fn parse(name: &'static str, value: &str) -> Result<HeaderValue, InvalidHeader> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(InvalidHeader { name });
    }
    HeaderValue::from_str(value).map_err(|_| InvalidHeader { name })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response_with(name: HeaderName, value: &'static str) -> Response {
        let mut response = Response::new(axum::body::Body::empty());
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
        response
    }

    #[test]
    fn defaults_are_added_and_a_response_keeps_its_own() {
        let headers = SecurityHeaders::default();
        let mut response = response_with(header::X_FRAME_OPTIONS, "SAMEORIGIN");
        headers.apply(&mut response, false);
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert_eq!(response.headers()["x-frame-options"], "SAMEORIGIN");
        assert_eq!(
            response.headers()["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
        assert!(!response.headers().contains_key("content-security-policy"));
    }

    #[test]
    fn hsts_only_over_https() {
        let headers = SecurityHeaders::default()
            .strict_transport_security(Some(DEFAULT_HSTS))
            .unwrap();
        let mut plain = Response::new(axum::body::Body::empty());
        headers.apply(&mut plain, false);
        assert!(!plain.headers().contains_key("strict-transport-security"));
        let mut secure = Response::new(axum::body::Body::empty());
        headers.apply(&mut secure, true);
        assert_eq!(secure.headers()["strict-transport-security"], DEFAULT_HSTS);
        let https = Request::builder()
            .uri("https://example.com/")
            .body(axum::body::Body::empty())
            .unwrap();
        assert!(headers.wants_hsts(&https));
        let http = Request::builder()
            .uri("/")
            .body(axum::body::Body::empty())
            .unwrap();
        assert!(!headers.wants_hsts(&http));
    }

    #[test]
    fn a_header_can_be_turned_off_or_replaced_and_bad_values_are_refused() {
        let headers = SecurityHeaders::default()
            .frame_options(None)
            .unwrap()
            .referrer_policy(Some("no-referrer"))
            .unwrap();
        assert_eq!(headers.get(&header::X_FRAME_OPTIONS), None);
        assert_eq!(
            headers.get(&header::REFERRER_POLICY).unwrap(),
            "no-referrer"
        );
        let error = SecurityHeaders::default()
            .content_security_policy(Some("default-src\n'self'"))
            .unwrap_err();
        assert!(error.to_string().contains("Content-Security-Policy"));
    }
}
