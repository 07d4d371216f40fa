//! Flash messages: shown once, on the next page that asks for them (Flask's `flash`
//! and `get_flashed_messages`).

use framework_core::Error;
use serde::{Deserialize, Serialize};

use crate::session::Session;

const FLASHES: &str = "_flashes";

/// What one request did with the flashed messages.
#[derive(Default)]
pub(crate) struct FlashState {
    /// Once shown in this request, the list: every later look in the same request
    /// sees the same one (as Flask's `get_flashed_messages` does).
    shown: Option<Vec<Flash>>,
    /// The session's list as it stands, once a page context has read it, so that its
    /// template can show the messages without waiting for the store (and shows those
    /// flashed by the handler before it renders).
    pending: Option<Vec<Flash>>,
    /// How many stored messages a template showed: they leave the store when the
    /// request ends.
    shown_from_store: usize,
}

impl FlashState {
    /// Whether a template showed messages that are still in the store.
    pub(crate) fn showed_stored(&self) -> bool {
        self.shown_from_store > 0
    }
}

/// One flashed message with its category (`"message"` unless given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    pub category: String,
    pub message: String,
}

impl Session {
    /// Flashes `message` (category `"message"`) for the next page to show.
    ///
    /// ```
    /// use framework_core::prelude::*;
    /// use framework_sessions::Session;
    ///
    /// #[post("/save")]
    /// async fn save(session: Session) -> Result<Response> {
    ///     session.flash("Saved.").await?;
    ///     Ok(redirect("/"))
    /// }
    /// # let _ = framework_core::App::new().register(framework_core::routes![save]);
    /// ```
    pub async fn flash(&self, message: impl Into<String>) -> Result<(), Error> {
        self.flash_with("message", message).await
    }

    /// Flashes `message` under `category` (`"error"`, `"info"`, …).
    pub async fn flash_with(
        &self,
        category: impl Into<String>,
        message: impl Into<String>,
    ) -> Result<(), Error> {
        let flash = Flash {
            category: category.into(),
            message: message.into(),
        };
        let mut flashes: Vec<Flash> = self.get(FLASHES).await?.unwrap_or_default();
        flashes.push(flash.clone());
        self.insert(FLASHES, flashes).await?;
        if let Some(pending) = &mut self.state().pending {
            pending.push(flash);
        }
        Ok(())
    }

    /// The flashed messages, oldest first (Flask's `get_flashed_messages`). The first
    /// call in a request takes them out of the session; later calls in the same
    /// request give the same list, and the next request none of them.
    ///
    /// ```
    /// use framework_core::prelude::*;
    /// use framework_sessions::Session;
    ///
    /// #[get("/")]
    /// async fn index(session: Session) -> Result<String> {
    ///     let shown = session.flashed_messages().await?;
    ///     Ok(shown.iter().map(|f| format!("[{}] {}\n", f.category, f.message)).collect())
    /// }
    /// # let _ = framework_core::App::new().register(framework_core::routes![index]);
    /// ```
    pub async fn flashed_messages(&self) -> Result<Vec<Flash>, Error> {
        if let Some(shown) = &self.state().shown {
            return Ok(shown.clone());
        }
        let flashes = if self.contains(FLASHES).await? {
            self.remove(FLASHES).await?.unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut state = self.state();
        state.pending = None;
        Ok(state.shown.get_or_insert(flashes).clone())
    }

    /// The flashed messages of these categories only (Flask's `category_filter`).
    ///
    /// ```
    /// use framework_core::prelude::*;
    /// use framework_sessions::Session;
    ///
    /// #[get("/")]
    /// async fn index(session: Session) -> Result<String> {
    ///     let errors = session.flashed_messages_in(&["error"]).await?;
    ///     Ok(format!("{} errors", errors.len()))
    /// }
    /// # let _ = framework_core::App::new().register(framework_core::routes![index]);
    /// ```
    pub async fn flashed_messages_in(&self, categories: &[&str]) -> Result<Vec<Flash>, Error> {
        let mut flashes = self.flashed_messages().await?;
        flashes.retain(|f| categories.contains(&f.category.as_str()));
        Ok(flashes)
    }

    /// Reads the session's messages so that [`Session::show_flashes`] can give them
    /// without waiting for the store; nothing is taken yet.
    pub(crate) async fn read_flashes(&self) -> Result<(), Error> {
        {
            let state = self.state();
            if state.shown.is_some() || state.pending.is_some() {
                return Ok(());
            }
        }
        let stored: Vec<Flash> = self.get(FLASHES).await?.unwrap_or_default();
        let mut state = self.state();
        if state.shown.is_none() && state.pending.is_none() {
            state.pending = Some(stored);
        }
        Ok(())
    }

    /// The messages to show now, from a template: those read by
    /// [`Session::read_flashes`] and flashed since. Showing takes them, as Flask's
    /// `get_flashed_messages` does; they leave the store when the request ends
    /// ([`Session::forget_shown_flashes`]).
    pub(crate) fn show_flashes(&self) -> Vec<Flash> {
        let mut state = self.state();
        if let Some(shown) = &state.shown {
            return shown.clone();
        }
        let shown = state.pending.take().unwrap_or_default();
        state.shown_from_store = shown.len();
        state.shown.insert(shown).clone()
    }

    /// When the request ends: the stored messages a template showed leave the store;
    /// any flashed after it rendered stay for the next page.
    pub(crate) async fn forget_shown_flashes(&self) -> Result<(), Error> {
        let shown = std::mem::take(&mut self.state().shown_from_store);
        if shown == 0 {
            return Ok(());
        }
        let mut stored: Vec<Flash> = self.get(FLASHES).await?.unwrap_or_default();
        let later = stored.split_off(shown.min(stored.len()));
        if later.is_empty() {
            self.remove::<Vec<Flash>>(FLASHES).await?;
        } else {
            self.insert(FLASHES, later).await?;
        }
        Ok(())
    }

    fn state(&self) -> std::sync::MutexGuard<'_, FlashState> {
        self.handle()
            .state
            .flashes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
