//! `Session`: the extractor handlers and hooks use to read and write the session.

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use axum::extract::FromRequestParts;
use framework_core::Error;
use http::StatusCode;
use http::request::Parts;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tower_sessions::Expiry;
use tower_sessions::session::Id;

use crate::store::Store;

/// What the session layer puts in each request.
#[derive(Clone)]
pub(crate) struct Handle {
    /// What this request did with its session, shared by the handle's clones.
    pub(crate) state: Arc<RequestState>,
    /// The id the request's cookie carried, verified.
    id: Option<Id>,
    store: Arc<Store>,
    expiry: Expiry,
}

/// What one request did with its session, and the store's session, made on first
/// use: a request that never touches its session does not make one.
#[derive(Default)]
pub(crate) struct RequestState {
    /// Whether anything read or wrote the session (then the response varies by
    /// cookie).
    pub(crate) accessed: AtomicBool,
    /// What this request did with the flashed messages.
    pub(crate) flashes: std::sync::Mutex<crate::flash::FlashState>,
    session: OnceLock<tower_sessions::Session>,
}

impl Handle {
    pub(crate) fn new(id: Option<Id>, store: Arc<Store>, expiry: Expiry) -> Self {
        Handle {
            state: Arc::default(),
            id,
            store,
            expiry,
        }
    }

    /// The session id the request's cookie carried, verified.
    pub(crate) fn incoming(&self) -> Option<Id> {
        self.id
    }

    /// The store's session for this request.
    pub(crate) fn session(&self) -> &tower_sessions::Session {
        self.state.session.get_or_init(|| {
            tower_sessions::Session::new(self.id, self.store.clone(), Some(self.expiry))
        })
    }
}

/// The visitor's session, Flask's `session`: typed values by key, kept in the store
/// and written back only when changed. Every method is async (the store is read on
/// first use) and fails with a 503 when the store cannot be reached.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_sessions::Session;
///
/// #[get("/visit")]
/// async fn visit(session: Session) -> Result<String> {
///     let visits: u32 = session.get("visits").await?.unwrap_or(0) + 1;
///     session.insert("visits", visits).await?;
///     Ok(format!("visit number {visits}"))
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![visit]);
/// ```
#[derive(Clone)]
pub struct Session(Handle);

fn unavailable(error: tower_sessions::session::Error) -> Error {
    match error {
        tower_sessions::session::Error::Store(store) => {
            tracing::error!(error = %store, "the session store failed");
            Error::new(StatusCode::SERVICE_UNAVAILABLE, store)
                .with_message("The session store is unavailable; please try again shortly.")
        }
        other => Error::new(StatusCode::INTERNAL_SERVER_ERROR, other),
    }
}

impl Session {
    pub(crate) fn from_handle(handle: Handle) -> Self {
        Session(handle)
    }

    pub(crate) fn handle(&self) -> &Handle {
        &self.0
    }

    fn touch(&self) -> &tower_sessions::Session {
        self.0.state.accessed.store(true, Ordering::Relaxed);
        self.0.session()
    }

    /// The value stored under `key`, if any.
    pub async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, Error> {
        self.touch().get(key).await.map_err(unavailable)
    }

    /// Whether a value is stored under `key`.
    pub async fn contains(&self, key: &str) -> Result<bool, Error> {
        Ok(self
            .touch()
            .get_value(key)
            .await
            .map_err(unavailable)?
            .is_some())
    }

    /// Stores `value` under `key`.
    pub async fn insert<T: Serialize>(&self, key: &str, value: T) -> Result<(), Error> {
        self.touch().insert(key, value).await.map_err(unavailable)
    }

    /// Removes and returns the value under `key`.
    pub async fn remove<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, Error> {
        self.touch().remove(key).await.map_err(unavailable)
    }

    /// Empties the session (Flask's `session.clear()`): its data leaves the store and
    /// the cookie goes away. Values inserted afterwards start a new session, under a
    /// new id.
    pub async fn clear(&self) -> Result<(), Error> {
        self.touch().flush().await.map_err(unavailable)
    }

    /// Gives the session a new id, keeping its data: call it on login and on any
    /// change of privilege, so an id someone planted before is worth nothing.
    pub async fn renew(&self) -> Result<(), Error> {
        self.touch().cycle_id().await.map_err(unavailable)?;
        self.rotate_csrf_token().await
    }

    /// Whether the session holds nothing.
    pub async fn is_empty(&self) -> bool {
        self.touch().is_empty().await
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Session {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Handle>() {
            Some(handle) => Ok(Session(handle.clone())),
            None => Err(
                Error::from_status(StatusCode::INTERNAL_SERVER_ERROR).with_message(
                    "sessions are not enabled: add `SessionLayer` to the app with `App::layer`",
                ),
            ),
        }
    }
}

/// `Option<Session>`-like access for code that works with or without sessions.
impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for Session {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Handle>().cloned().map(Session))
    }
}
