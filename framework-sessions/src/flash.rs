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

    /// The flashed messages, oldest first; they are gone afterwards.
    pub async fn flashed_messages(&self) -> Result<Vec<Flash>, Error> {
        if !self.contains(FLASHES).await? {
            return Ok(Vec::new());
        }
        Ok(self.remove(FLASHES).await?.unwrap_or_default())
    }
}
