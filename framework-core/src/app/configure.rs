//! `App::configure`: the app's settings read from a [`Config`](crate::config::Config).

use super::{App, AppContext, RouterLayer};

/// The positions in the app's layers of the settings that [`App::configure`] turns
/// into layers: a second call puts its value in the same place, so configuring twice
/// (the app's own call, then the command line's `run`) leaves one layer per setting,
/// and the later value wins, as a second `app.config.from_…` does in Flask.
#[derive(Clone, Default)]
pub(super) struct ConfiguredLayers {
    form_limits: Option<usize>,
    server_name: Option<usize>,
}

/// `layer` at `slot`'s place in `layers`, or appended (and `slot` set) the first time.
fn put_layer(layers: &mut Vec<RouterLayer>, slot: &mut Option<usize>, layer: RouterLayer) {
    match *slot {
        Some(index) => layers[index] = layer,
        None => {
            *slot = Some(layers.len());
            layers.push(layer);
        }
    }
}

fn extension_layer<T: Clone + Send + Sync + 'static>(value: T) -> RouterLayer {
    super::layers::AppLayer::extension(value)
}

/// The app settings [`App::configure`] reads.
#[derive(serde::Deserialize)]
struct AppSettings {
    trusted_hosts: Option<String>,
    provide_automatic_options: Option<bool>,
    max_content_length: Option<usize>,
    testing: Option<bool>,
    server_name: Option<String>,
    preferred_url_scheme: Option<String>,
    application_root: Option<String>,
    max_form_memory_size: Option<usize>,
    max_form_parts: Option<usize>,
    send_file_max_age_default: Option<u64>,
    max_uri_length: Option<usize>,
    trusted_proxies: Option<String>,
    debug: Option<bool>,
    log_requests: Option<bool>,
}

impl App {
    /// Applies the app settings of `config`, each named as in Flask:
    /// `TRUSTED_HOSTS` (comma-separated), `PROVIDE_AUTOMATIC_OPTIONS` (`true`/`false`),
    /// `MAX_CONTENT_LENGTH` (bytes), `MAX_FORM_MEMORY_SIZE` (bytes), `MAX_FORM_PARTS`,
    /// `MAX_URI_LENGTH` (bytes), `TRUSTED_PROXIES` (a count or addresses),
    /// `TESTING` (`true`/`false`), `DEBUG` (`true`/`false`: the debug page; on by
    /// default in development, refused in production), `LOG_REQUESTS` (`true`/`false`:
    /// a log line per request; on by default in development, off in production),
    /// `SEND_FILE_MAX_AGE_DEFAULT` (seconds), and `SERVER_NAME` with `PREFERRED_URL_SCHEME`
    /// (`http` or `https`) and `APPLICATION_ROOT` (a path) for external URLs, and the
    /// security headers `X_CONTENT_TYPE_OPTIONS`, `X_FRAME_OPTIONS`,
    /// `REFERRER_POLICY`, `CONTENT_SECURITY_POLICY` and `STRICT_TRANSPORT_SECURITY`
    /// (see [`SecurityHeaders`](crate::security::SecurityHeaders)), and the server's
    /// limits (see [`ServerLimits`](crate::serve::ServerLimits)), and the rate limits'
    /// `RATE_LIMIT_DEFAULT`, `RATE_LIMIT_STORE` and `RATE_LIMIT_ENABLED` (see
    /// [`ratelimit`](crate::ratelimit)). A bad value is an error naming the setting.
    /// Handlers may then take the configuration itself
    /// ([`Config`](crate::config::Config) is an extractor) and the signed and private
    /// cookie jars keyed from `SECRET_KEY` (see [`cookies`](crate::cookies)). The
    /// command line's `run` calls it before serving; calling it again is harmless: a
    /// setting given again replaces the earlier value, one that is absent keeps it.
    ///
    /// ```
    /// use framework_core::App;
    /// use framework_core::config::Config;
    ///
    /// let config = Config::from_vars([("TRUSTED_HOSTS", "example.com, .example.org")]).unwrap();
    /// let app = App::new().configure(&config).unwrap();
    ///
    /// let bad = Config::from_vars([("MAX_CONTENT_LENGTH", "lots")]).unwrap();
    /// let error = App::new().configure(&bad).unwrap_err();
    /// assert!(error.to_string().contains("MAX_CONTENT_LENGTH"));
    /// ```
    pub fn configure(
        mut self,
        config: &crate::config::Config,
    ) -> Result<Self, crate::config::ConfigError> {
        let settings: AppSettings = config.settings()?;
        self.production = config.is_production();
        self.debug = match (settings.debug, self.production) {
            (Some(true), true) => {
                return Err(crate::config::ConfigError::Setting(
                    "DEBUG=true is refused with APP_ENV=production: the debug page shows the details of errors to anyone".to_owned(),
                ));
            }
            (Some(debug), _) => debug,
            (None, production) => !production,
        };
        self.log_requests = settings.log_requests.unwrap_or(!self.production);
        self.policy.context = Some(AppContext::new(config));
        self.policy.headers = std::mem::take(&mut self.policy.headers).configure(config)?;
        self.limits = std::mem::take(&mut self.limits).configure(config)?;
        self.rate_limits = std::mem::take(&mut self.rate_limits).configure(config)?;
        if let Some(hosts) = settings.trusted_hosts {
            self = self.trusted_hosts(hosts.split(','));
        }
        if let Some(provide) = settings.provide_automatic_options {
            self.automatic_options = provide;
        }
        if let Some(limit) = settings.max_content_length {
            self.max_content_length = Some(limit);
        }
        if let Some(secs) = settings.send_file_max_age_default {
            self.static_max_age = Some(std::time::Duration::from_secs(secs));
        }
        if let Some(proxies) = settings.trusted_proxies.filter(|p| !p.trim().is_empty()) {
            let proxies = proxies
                .parse()
                .map_err(|e: crate::security::InvalidProxies| {
                    crate::config::ConfigError::Setting(e.to_string())
                })?;
            self = self.trusted_proxies(proxies);
        }
        if let Some(length) = settings.max_uri_length {
            self = self.max_uri_length(length);
        }
        if let Some(testing) = settings.testing {
            self.policy.testing = testing;
        }
        if settings.max_form_memory_size.is_some() || settings.max_form_parts.is_some() {
            let defaults = crate::input::FormLimits::default();
            let limits = crate::input::FormLimits {
                max_memory_size: settings
                    .max_form_memory_size
                    .unwrap_or(defaults.max_memory_size),
                max_parts: settings.max_form_parts.unwrap_or(defaults.max_parts),
            };
            put_layer(
                &mut self.layers,
                &mut self.configured.form_limits,
                extension_layer(limits),
            );
        }
        if let Some(root) = settings.application_root {
            self.policy.application_root = application_root(&root)?;
        }
        if let Some(server_name) = settings.server_name.filter(|s| !s.is_empty()) {
            let scheme = settings
                .preferred_url_scheme
                .unwrap_or_else(|| "http".to_owned());
            if scheme != "http" && scheme != "https" {
                return Err(crate::config::ConfigError::Setting(format!(
                    "PREFERRED_URL_SCHEME must be \"http\" or \"https\", got {scheme:?}"
                )));
            }
            let root = self.policy.application_root.as_deref().unwrap_or_default();
            let base = crate::url::UrlBase::new(scheme, server_name).root(root);
            self.server_base = Some(base.clone());
            put_layer(
                &mut self.layers,
                &mut self.configured.server_name,
                extension_layer(crate::url::ServerName(base)),
            );
        }
        Ok(self)
    }
}

/// `APPLICATION_ROOT` as the script root it gives: none for `/` (or empty), else the
/// path without its trailing `/`. A value that is not such a path is an error naming
/// the setting.
fn application_root(root: &str) -> Result<Option<std::sync::Arc<str>>, crate::config::ConfigError> {
    let trimmed = root.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(None);
    }
    if !crate::security::is_path_prefix(trimmed) {
        return Err(crate::config::ConfigError::Setting(format!(
            "APPLICATION_ROOT must be the path the app is mounted under, starting with `/` (`/shop`), got {root:?}"
        )));
    }
    Ok(Some(trimmed.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn configuring_twice_keeps_one_layer_per_setting() {
        let first =
            Config::from_vars([("SERVER_NAME", "a.example"), ("MAX_FORM_PARTS", "10")]).unwrap();
        let second = Config::from_vars([("SERVER_NAME", "b.example")]).unwrap();
        let once = App::new().configure(&first).unwrap();
        let twice = App::new()
            .configure(&first)
            .unwrap()
            .configure(&second)
            .unwrap();
        assert_eq!(once.layers.len(), 2);
        assert_eq!(twice.layers.len(), 2);
    }

    #[test]
    fn the_application_root_is_a_path_or_an_error_naming_it() {
        assert_eq!(application_root("/").unwrap(), None);
        assert_eq!(application_root("").unwrap(), None);
        assert_eq!(
            application_root("/shop/").unwrap().as_deref(),
            Some("/shop")
        );
        assert_eq!(application_root("/a/b").unwrap().as_deref(), Some("/a/b"));
        for bad in ["shop", "//evil.example", "/a?b", "/a b", "/a#b"] {
            let error = application_root(bad).unwrap_err().to_string();
            assert!(error.contains("APPLICATION_ROOT"), "{bad}: {error}");
        }
    }
}
