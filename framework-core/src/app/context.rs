//! What a handler may ask of its app whatever its route: the configuration (Flask's
//! `current_app.config`) and the key of its signed and private cookies.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use axum_extra::extract::cookie::Key;

use crate::config::Config;

/// Made once by [`App::configure`](crate::App::configure) and put in the extensions
/// of each request whose view or hooks take extractors, by the pipeline (one shared
/// pointer; a view without arguments, or an app never configured, pays nothing).
#[derive(Clone)]
pub(crate) struct AppContext(Arc<Shared>);

pub(crate) struct Shared {
    pub(crate) config: Config,
    /// The cookie key, or why there is none (production without a `SECRET_KEY`),
    /// derived the first time a signed or private jar is taken: an app that never
    /// takes one never runs the key derivation (SHA-512, HKDF), nor maps its code.
    cookie_key: OnceLock<Result<Key, String>>,
}

impl Shared {
    /// The cookie key, or why there is none.
    pub(crate) fn cookie_key(&self) -> &Result<Key, String> {
        self.cookie_key
            .get_or_init(|| crate::cookies::derive(&self.config))
    }
}

impl AppContext {
    pub(crate) fn new(config: &Config) -> Self {
        AppContext(Arc::new(Shared {
            config: config.clone(),
            cookie_key: OnceLock::new(),
        }))
    }
}

impl Deref for AppContext {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
