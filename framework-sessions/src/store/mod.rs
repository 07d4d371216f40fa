//! The session stores, chosen by `SESSION_STORE`: `memory` (development default),
//! `sqlite://PATH` (one machine, survives restarts; the `sqlite` feature) and
//! `redis://HOST:PORT[/DB]` (several app instances share sessions; the `redis`
//! feature). A store asked for but not compiled in is a startup error naming the
//! setting and the feature to enable. None keeps expired sessions for long:
//! the memory store sweeps them out as it goes and holds at most
//! [`MEMORY_CAPACITY`] sessions, SQLite's expired rows are deleted every ten
//! minutes (`SQLITE_SWEEP`), and Redis keys carry the session's expiry as their own.

pub(crate) mod built;
mod memory;
#[cfg(feature = "redis")]
mod redis;
#[cfg(feature = "sqlite")]
mod sqlite;

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Result, SessionStore};
#[cfg(feature = "redis")]
use tower_sessions_redis_store::RedisStore;
#[cfg(feature = "redis")]
use tower_sessions_redis_store::fred::prelude::Pool;
#[cfg(feature = "sqlite")]
use tower_sessions_sqlx_store::SqliteStore;

use crate::error::SetupError;

pub use memory::{MemoryStore, SWEEP_EVERY};
#[cfg(feature = "sqlite")]
pub use sqlite::SWEEP as SQLITE_SWEEP;

/// The most sessions the memory store keeps (`SESSION_STORE=memory`); past it, the
/// one closest to expiring leaves first.
pub const MEMORY_CAPACITY: usize = 100_000;

/// Where sessions are kept.
#[derive(Clone, Debug)]
pub enum Store {
    /// In this process; gone at a restart, bounded, expired sessions swept out.
    Memory(MemoryStore),
    /// A SQLite file, its expired rows deleted by a task (the `sqlite` feature).
    #[cfg(feature = "sqlite")]
    Sqlite(SqliteStore),
    /// Redis, each key expiring with its session (the `redis` feature).
    #[cfg(feature = "redis")]
    Redis(RedisStore<Pool>),
}

impl Store {
    /// The memory store, keeping up to [`MEMORY_CAPACITY`] sessions.
    ///
    /// ```
    /// use framework_sessions::Store;
    ///
    /// let store = Store::memory();
    /// assert_eq!(store.kind(), "memory");
    /// ```
    pub fn memory() -> Store {
        Store::memory_with_capacity(MEMORY_CAPACITY)
    }

    /// The memory store, keeping up to `sessions` sessions.
    ///
    /// ```
    /// use framework_sessions::Store;
    ///
    /// let store = Store::memory_with_capacity(1_000);
    /// assert_eq!(store.kind(), "memory");
    /// ```
    pub fn memory_with_capacity(sessions: usize) -> Store {
        Store::Memory(MemoryStore::new(sessions))
    }

    /// Opens the store a `SESSION_STORE` value names, checking that it can be
    /// reached; an error names `SESSION_STORE` (and the feature to enable when the
    /// store is not compiled in).
    ///
    /// ```
    /// use framework_sessions::Store;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let store = Store::connect("memory").await.unwrap();
    /// assert_eq!(store.kind(), "memory");
    /// let error = Store::connect("memcached://127.0.0.1").await.unwrap_err();
    /// assert!(error.to_string().starts_with("SESSION_STORE must be"));
    /// # }
    /// ```
    pub async fn connect(url: &str) -> std::result::Result<Store, SetupError> {
        if url == "memory" {
            return Ok(Store::memory());
        }
        if let Some(missing) = built::missing_feature(url, built::BUILT) {
            return Err(missing);
        }
        #[cfg(feature = "sqlite")]
        if let Some(path) = url.strip_prefix("sqlite://") {
            return sqlite::open(url, path).await.map(Store::Sqlite);
        }
        #[cfg(feature = "redis")]
        if url.starts_with("redis://") {
            return redis::connect(url).await.map(Store::Redis);
        }
        Err(SetupError::StoreUrl(format!(
            "SESSION_STORE must be `memory`, `sqlite://PATH` or `redis://HOST:PORT[/DB]`, got {url:?}"
        )))
    }

    /// A short name for logs: `memory`, `sqlite`, `redis`.
    pub fn kind(&self) -> &'static str {
        match self {
            Store::Memory(_) => "memory",
            #[cfg(feature = "sqlite")]
            Store::Sqlite(_) => "sqlite",
            #[cfg(feature = "redis")]
            Store::Redis(_) => "redis",
        }
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> Result<()> {
        match self {
            Store::Memory(s) => s.create(record).await,
            #[cfg(feature = "sqlite")]
            Store::Sqlite(s) => s.create(record).await,
            #[cfg(feature = "redis")]
            Store::Redis(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        match self {
            Store::Memory(s) => s.save(record).await,
            #[cfg(feature = "sqlite")]
            Store::Sqlite(s) => s.save(record).await,
            #[cfg(feature = "redis")]
            Store::Redis(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        match self {
            Store::Memory(s) => s.load(id).await,
            #[cfg(feature = "sqlite")]
            Store::Sqlite(s) => s.load(id).await,
            #[cfg(feature = "redis")]
            Store::Redis(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        match self {
            Store::Memory(s) => s.delete(id).await,
            #[cfg(feature = "sqlite")]
            Store::Sqlite(s) => s.delete(id).await,
            #[cfg(feature = "redis")]
            Store::Redis(s) => s.delete(id).await,
        }
    }
}
