//! Which session stores this build has, and the startup error for a
//! `SESSION_STORE` that names one left out (its cargo feature not enabled).

use crate::error::SetupError;

/// The optional stores compiled into a build.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Built {
    pub sqlite: bool,
    pub redis: bool,
}

/// This build's stores, from its cargo features.
pub(crate) const BUILT: Built = Built {
    sqlite: cfg!(feature = "sqlite"),
    redis: cfg!(feature = "redis"),
};

/// The error for a `SESSION_STORE` naming a store that `built` lacks, naming the
/// setting and the feature to enable; `None` when the store is there (or the value
/// names no store at all, which `Store::connect` reports on its own).
pub(super) fn missing_feature(url: &str, built: Built) -> Option<SetupError> {
    let (feature, store) = if url.starts_with("sqlite://") && !built.sqlite {
        ("sqlite", "SQLite")
    } else if url.starts_with("redis://") && !built.redis {
        ("redis", "Redis")
    } else {
        return None;
    };
    Some(SetupError::StoreNotBuilt(format!(
        "SESSION_STORE is {url:?}, but this build has no {store} session store: enable \
         framework-sessions' `{feature}` feature \
         (`framework-sessions = {{ version = \"0.1\", features = [\"{feature}\"] }}` in Cargo.toml)"
    )))
}

/// Where sessions go in production when `SESSION_STORE` is not set: a SQLite file,
/// if `built` has SQLite; otherwise an error saying to enable it or to set
/// `SESSION_STORE`.
pub(crate) fn production_default(built: Built) -> Result<&'static str, SetupError> {
    if built.sqlite {
        Ok("sqlite://instance/sessions.sqlite")
    } else {
        Err(SetupError::StoreNotBuilt(
            "SESSION_STORE is not set, and in production it defaults to \
             `sqlite://instance/sessions.sqlite`, which this build leaves out: enable \
             framework-sessions' `sqlite` feature, or set SESSION_STORE (`memory`, or \
             `redis://HOST:PORT[/DB]` with the `redis` feature)"
                .to_owned(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: Built = Built {
        sqlite: false,
        redis: false,
    };
    const ALL: Built = Built {
        sqlite: true,
        redis: true,
    };

    #[test]
    fn a_store_left_out_names_the_setting_and_the_feature() {
        let error = missing_feature("sqlite://instance/sessions.sqlite", NONE).unwrap();
        let message = error.to_string();
        assert!(matches!(error, SetupError::StoreNotBuilt(_)));
        assert!(
            message.starts_with("SESSION_STORE is \"sqlite://instance/sessions.sqlite\""),
            "{message}"
        );
        assert!(message.contains("no SQLite session store"), "{message}");
        assert!(message.contains("`sqlite` feature"), "{message}");
        assert!(message.contains("features = [\"sqlite\"]"), "{message}");

        let message = missing_feature("redis://127.0.0.1:6379", NONE)
            .unwrap()
            .to_string();
        assert!(message.starts_with("SESSION_STORE is \"redis://127.0.0.1:6379\""));
        assert!(message.contains("no Redis session store"), "{message}");
        assert!(message.contains("`redis` feature"), "{message}");
    }

    #[test]
    fn a_store_compiled_in_or_no_store_at_all_is_left_to_connect() {
        assert!(missing_feature("sqlite://x.sqlite", ALL).is_none());
        assert!(missing_feature("redis://127.0.0.1", ALL).is_none());
        assert!(missing_feature("memory", NONE).is_none());
        assert!(missing_feature("postgres://x", NONE).is_none());
        // Only the store that is missing counts.
        let redis_only = Built {
            sqlite: false,
            redis: true,
        };
        assert!(missing_feature("redis://127.0.0.1", redis_only).is_none());
        assert!(missing_feature("sqlite://x.sqlite", redis_only).is_some());
    }

    #[test]
    fn the_production_default_needs_sqlite() {
        assert_eq!(
            production_default(ALL).unwrap(),
            "sqlite://instance/sessions.sqlite"
        );
        let message = production_default(NONE).unwrap_err().to_string();
        assert!(message.starts_with("SESSION_STORE is not set"), "{message}");
        assert!(message.contains("`sqlite` feature"), "{message}");
    }

    #[test]
    fn this_build_reports_what_its_features_say() {
        assert_eq!(BUILT.sqlite, cfg!(feature = "sqlite"));
        assert_eq!(BUILT.redis, cfg!(feature = "redis"));
    }
}
