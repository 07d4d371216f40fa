//! An app's rate limits: its default, its blueprints', where counters live, and the
//! settings `RATE_LIMIT_DEFAULT`, `RATE_LIMIT_STORE` and `RATE_LIMIT_ENABLED`.

use std::sync::Arc;

use serde::Deserialize;

use super::{RateLimitStore, RateLimits, RouteLimiter};
use crate::config::{Config, ConfigError};
use crate::routing::RouteDef;

/// What an app knows about rate limits until its router is built.
#[derive(Clone, Debug)]
pub(crate) struct AppLimits {
    /// `RATE_LIMIT_ENABLED`: `false` turns every limit off (in tests, say).
    pub(crate) enabled: bool,
    /// `RATE_LIMIT_DEFAULT`: for routes with no limit of their own or of a blueprint.
    pub(crate) default: Option<RateLimits>,
    /// Blueprints' limits by full name (`admin.users`).
    pub(crate) blueprints: Vec<(&'static str, RateLimits)>,
    /// `RATE_LIMIT_STORE`.
    pub(crate) store: RateLimitStore,
}

impl Default for AppLimits {
    fn default() -> Self {
        AppLimits {
            enabled: true,
            default: None,
            blueprints: Vec::new(),
            store: RateLimitStore::default(),
        }
    }
}

#[derive(Deserialize)]
struct Settings {
    rate_limit_default: Option<String>,
    rate_limit_store: Option<String>,
    rate_limit_enabled: Option<bool>,
}

impl AppLimits {
    pub(crate) fn configure(mut self, config: &Config) -> Result<Self, ConfigError> {
        let settings: Settings = config.settings()?;
        if let Some(default) = settings.rate_limit_default.filter(|d| !d.trim().is_empty()) {
            let limits = default.parse::<RateLimits>().map_err(|e| {
                ConfigError::Setting(format!("RATE_LIMIT_DEFAULT {default:?}: {e}"))
            })?;
            self.default = Some(limits);
        }
        if let Some(store) = settings.rate_limit_store {
            self.store = store
                .parse()
                .map_err(|e: super::InvalidRateLimitStore| ConfigError::Setting(e.0))?;
        }
        if let Some(enabled) = settings.rate_limit_enabled {
            self.enabled = enabled;
        }
        Ok(self)
    }

    /// The limits that apply to `route`: its own, else its innermost blueprint's
    /// (`admin.users`, then `admin`), else the app's default.
    pub(crate) fn for_route<'a>(&'a self, route: &'a RouteDef) -> Option<&'a RateLimits> {
        if !self.enabled {
            return None;
        }
        if let Some(own) = &route.rate_limit {
            return Some(own);
        }
        let mut name = route.blueprint;
        while let Some(blueprint) = name {
            if let Some((_, limits)) = self.blueprints.iter().find(|(n, _)| *n == blueprint) {
                return Some(limits);
            }
            name = blueprint.rsplit_once('.').map(|(parent, _)| parent);
        }
        self.default.as_ref()
    }

    /// The limiter of `route`, if a limit applies to it.
    pub(crate) fn limiter(&self, route: &RouteDef) -> Option<Arc<RouteLimiter>> {
        let limits = self.for_route(route)?;
        Some(Arc::new(RouteLimiter::new(
            route.endpoint(),
            limits.clone(),
            self.store.clone(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_settings_name_the_setting() {
        for (setting, value, says) in [
            ("RATE_LIMIT_DEFAULT", "5/fortnight", "unknown unit"),
            ("RATE_LIMIT_STORE", "memcached://x", "must be `memory`"),
        ] {
            let config = Config::from_vars([(setting, value)]).unwrap();
            let error = AppLimits::default().configure(&config).unwrap_err();
            let text = error.to_string();
            assert!(text.contains(setting) && text.contains(says), "{text}");
        }
        let config = Config::from_vars([
            ("RATE_LIMIT_DEFAULT", "100/hour"),
            ("RATE_LIMIT_ENABLED", "false"),
        ])
        .unwrap();
        let limits = AppLimits::default().configure(&config).unwrap();
        assert_eq!(limits.default.unwrap().limits()[0].count(), 100);
        assert!(!limits.enabled);
    }
}
