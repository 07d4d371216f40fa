//! `session_transaction`: a test reads or changes the session of its client directly,
//! as Flask's `client.session_transaction()` does, and the next request sees it.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use framework_core::Error;
use framework_core::testing::TestClient;
use http::StatusCode;

use crate::session::Session;

type Work =
    Box<dyn FnOnce(Session) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send>> + Send>;

/// The work a transaction request carries to the session layer, which runs it on the
/// client's session instead of calling the app. Only code in the same process can
/// put it in a request's extensions: no client can send one.
#[derive(Clone)]
pub(crate) struct Transaction(Arc<Mutex<Option<Work>>>);

impl Transaction {
    /// Takes the work out (once).
    pub(crate) fn take(&self) -> Option<Work> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }
}

/// Opens the session of a [`TestClient`] for a test (Flask's `session_transaction`).
pub trait SessionTransaction {
    /// Runs `f` on the session the client's cookie names (a new one if none), saves
    /// it, and keeps the cookie, so the next request sees what `f` did.
    ///
    /// ```
    /// use framework_core::config::Config;
    /// use framework_core::prelude::*;
    /// use framework_core::testing::TestClient;
    /// use framework_sessions::{Session, SessionLayer, SessionTransaction};
    ///
    /// #[get("/whoami")]
    /// async fn whoami(session: Session) -> Result<String> {
    ///     Ok(session.get::<String>("user").await?.unwrap_or_default())
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let config = Config::from_vars([("SECRET_KEY", "test key")]).unwrap();
    /// let sessions = SessionLayer::from_config(&config).await.unwrap();
    /// let client = TestClient::new(App::new().register(routes![whoami]).layer(sessions));
    /// client
    ///     .session_transaction(|session| async move { session.insert("user", "ferris").await })
    ///     .await;
    /// assert_eq!(client.get("/whoami").await.text(), "ferris");
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// When the app has no [`SessionLayer`](crate::SessionLayer), or `f` fails: this
    /// is for tests, where that should fail the test.
    fn session_transaction<F, Fut>(&self, f: F) -> impl Future<Output = ()> + Send
    where
        F: FnOnce(Session) -> Fut + Send + 'static,
        Fut: Future<Output = Result<(), Error>> + Send + 'static;
}

impl SessionTransaction for TestClient {
    async fn session_transaction<F, Fut>(&self, f: F)
    where
        F: FnOnce(Session) -> Fut + Send + 'static,
        Fut: Future<Output = Result<(), Error>> + Send + 'static,
    {
        let work: Work = Box::new(move |session| Box::pin(f(session)));
        let transaction = Transaction(Arc::new(Mutex::new(Some(work))));
        let response = self.get("/").extension(transaction.clone()).send().await;
        if transaction.take().is_some() {
            panic!("session_transaction: the app has no SessionLayer to open the session");
        }
        if response.status() != StatusCode::NO_CONTENT {
            panic!(
                "session_transaction failed: {} {}",
                response.status(),
                response.text()
            );
        }
    }
}
