//! Flash messages: shown once, on the next page that asks for them (Flask's `flash`
//! and `get_flashed_messages`).

use framework_core::Error;
use serde::{Deserialize, Serialize};

use crate::session::Session;

const FLASHES: &str = "_flashes";

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
        let mut flashes: Vec<Flash> = self.get(FLASHES).await?.unwrap_or_default();
        flashes.push(Flash {
            category: category.into(),
            message: message.into(),
        });
        self.insert(FLASHES, flashes).await
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
        if let Some(taken) = self.taken().clone() {
            return Ok(taken);
        }
        let flashes = self.take_from_store().await?;
        let mut taken = self.taken();
        Ok(taken.get_or_insert(flashes).clone())
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

    /// Messages flashed since this request took them (by the handler about to
    /// render a page that already holds the list); they join the request's list.
    pub(crate) async fn flashed_since(&self) -> Result<Vec<Flash>, Error> {
        let new = self.take_from_store().await?;
        self.taken()
            .get_or_insert_with(Vec::new)
            .extend(new.iter().cloned());
        Ok(new)
    }

    async fn take_from_store(&self) -> Result<Vec<Flash>, Error> {
        if !self.contains(FLASHES).await? {
            return Ok(Vec::new());
        }
        Ok(self.remove(FLASHES).await?.unwrap_or_default())
    }

    fn taken(&self) -> std::sync::MutexGuard<'_, Option<Vec<Flash>>> {
        self.handle()
            .state
            .flashes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
