//! A real OpenID provider on loopback: panva's `oidc-provider` (npm), started from
//! `test-support/oidc/provider.js` with Node.js. `cargo xtask test` installs its
//! packages (`npm ci`) when a test is marked `needs oidc-provider`.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::http::{Browser, Reply};
use crate::{Running, free_port, wait_for_port};

/// How to start the provider.
#[derive(Clone, Debug, Default)]
pub struct ProviderOptions {
    /// The client's redirect URIs.
    pub redirect_uris: Vec<String>,
    /// The client's post-logout redirect URIs.
    pub post_logout_uris: Vec<String>,
    /// Authorization code lifetime in seconds (the provider's default: 60).
    pub code_ttl: Option<u64>,
    /// Access token lifetime in seconds (default 3600).
    pub access_ttl: Option<u64>,
    /// `signature` or `claims`: what the token endpoint corrupts (see provider.js).
    pub tamper: Option<String>,
    /// With `tamper = "claims"`: the JSON object merged into the ID token's claims.
    pub tamper_claims: Option<String>,
}

/// A running provider, stopped when dropped.
pub struct OidcProvider {
    pub port: u16,
    options: ProviderOptions,
    process: Option<Running>,
}

/// The folder holding `provider.js` and its `node_modules`.
pub fn provider_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("oidc")
}

impl OidcProvider {
    /// Starts the provider on a free port.
    pub fn start(options: ProviderOptions) -> Self {
        Self::start_on(free_port(), options)
    }

    /// Starts the provider on `port`.
    pub fn start_on(port: u16, options: ProviderOptions) -> Self {
        let dir = provider_dir();
        assert!(
            dir.join("node_modules").join("oidc-provider").is_dir(),
            "oidc-provider is not installed in {}: run the tests via `cargo xtask test` \
             (or `npm ci` in that folder)",
            dir.display()
        );
        let mut command = Command::new("node");
        command
            .arg("provider.js")
            .current_dir(&dir)
            .env("OIDC_PORT", port.to_string())
            .env("OIDC_REDIRECT_URIS", options.redirect_uris.join(","))
            .env("OIDC_POST_LOGOUT_URIS", options.post_logout_uris.join(","))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(ttl) = options.code_ttl {
            command.env("OIDC_CODE_TTL", ttl.to_string());
        }
        if let Some(ttl) = options.access_ttl {
            command.env("OIDC_ACCESS_TTL", ttl.to_string());
        }
        if let Some(tamper) = &options.tamper {
            command.env("OIDC_TAMPER", tamper);
        }
        if let Some(claims) = &options.tamper_claims {
            command.env("OIDC_TAMPER_CLAIMS", claims);
        }
        let process = Running::spawn(&mut command, "node test-support/oidc/provider.js");
        wait_for_port(port, "oidc-provider");
        OidcProvider {
            port,
            options,
            process: Some(process),
        }
    }

    /// Its issuer URL.
    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops it and starts it again on the same port: a new signing key (a key
    /// rotation), and every session, grant and token it issued forgotten.
    pub fn restart(&mut self) {
        if let Some(process) = self.process.take() {
            process.terminate();
        }
        let fresh = Self::start_on(self.port, self.options.clone());
        *self = fresh;
    }

    /// Stops it (the provider is down from now on).
    pub fn stop(&mut self) {
        if let Some(process) = self.process.take() {
            process.terminate();
        }
    }

    /// An access token (a JWT) for the provider's API `urn:test-api` with `scope`,
    /// asked for by the client `app` with the client credentials grant.
    pub fn access_token(&self, scope: &str) -> String {
        // `app:app-secret` in Base64: the client's default credentials.
        let basic = "Basic YXBwOmFwcC1zZWNyZXQ=";
        let form = [
            ("grant_type", "client_credentials"),
            ("resource", "urn:test-api"),
            ("scope", scope),
        ];
        let reply = Browser::new(self.port).request_with(
            "POST",
            "/token",
            Some(&form),
            &[("Authorization", basic)],
        );
        let token = reply
            .body
            .split_once("\"access_token\":\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(token, _)| token.to_owned());
        match token {
            Some(token) if reply.status == 200 => token,
            _ => panic!("no access token: {} {}", reply.status, reply.body),
        }
    }

    /// How many times the JWKS and token endpoints were asked: `(jwks, token)`.
    pub fn stats(&self) -> (u64, u64) {
        let reply = Browser::new(self.port).request("GET", "/__test/stats", None);
        let number = |key: &str| -> u64 {
            let marker = format!("\"{key}\":");
            let (_, rest) = reply.body.split_once(&marker).expect("a counter");
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .expect("a number")
        };
        (number("jwks"), number("token"))
    }

    /// Plays the visitor at the provider: follows `authorize_url` (the app's
    /// redirect), logs in as `login` / `password` when the login form shows, and
    /// returns the URL the provider finally sends the visitor to (the app's
    /// callback), or the provider's answer when it stops elsewhere.
    pub fn authorize(
        &self,
        browser: &mut Browser,
        authorize_url: &str,
        login: &str,
        password: &str,
    ) -> Result<String, Reply> {
        let mut path = self.path_of(authorize_url);
        for _ in 0..12 {
            let mut reply = browser.request("GET", &path, None);
            if reply.status == 200 && reply.body.contains("/login\"") {
                let action = format!("{path}/login");
                reply = browser.request(
                    "POST",
                    &action,
                    Some(&[("login", login), ("password", password)]),
                );
            }
            match reply.header("location") {
                Some(location) if reply.status / 100 == 3 => {
                    let location = location.to_owned();
                    if location.starts_with('/') {
                        path = location;
                    } else if location.starts_with(&self.issuer()) {
                        path = self.path_of(&location);
                    } else {
                        return Ok(location);
                    }
                }
                _ => return Err(reply),
            }
        }
        panic!("the provider redirected more than 12 times");
    }

    /// The page the provider shows at `url` (one of its own, such as the app's
    /// redirect to it), after following its redirects within the provider.
    pub fn page(&self, browser: &mut Browser, url: &str) -> Reply {
        let mut path = self.path_of(url);
        for _ in 0..12 {
            let reply = browser.request("GET", &path, None);
            match reply.header("location") {
                Some(location) if reply.status / 100 == 3 && location.starts_with('/') => {
                    path = location.to_owned()
                }
                _ => return reply,
            }
        }
        panic!("the provider redirected more than 12 times");
    }

    /// Ends the provider's session as a visitor would at its logout page: follows
    /// `end_session_url`, confirms, and returns where the provider then sends the
    /// visitor.
    pub fn confirm_logout(
        &self,
        browser: &mut Browser,
        end_session_url: &str,
    ) -> Result<String, Reply> {
        let page = browser.request("GET", &self.path_of(end_session_url), None);
        let Some(xsrf) = hidden(&page.body, "xsrf") else {
            return Err(page);
        };
        let action = form_action(&page.body).unwrap_or_else(|| "/session/end/confirm".to_owned());
        let reply = browser.request(
            "POST",
            &self.path_of(&action),
            Some(&[("xsrf", &xsrf), ("logout", "yes")]),
        );
        match reply.header("location") {
            Some(location) if reply.status / 100 == 3 => Ok(location.to_owned()),
            _ => Err(reply),
        }
    }

    fn path_of(&self, url: &str) -> String {
        url.strip_prefix(&self.issuer()).unwrap_or(url).to_owned()
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The value of a hidden `<input name="…" value="…">` in a page.
fn hidden(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let (_, rest) = page.split_once(&marker)?;
    rest.split('"').next().map(str::to_owned)
}

/// The `action` of the page's first form.
fn form_action(page: &str) -> Option<String> {
    let (_, rest) = page.split_once("action=\"")?;
    rest.split('"').next().map(str::to_owned)
}
