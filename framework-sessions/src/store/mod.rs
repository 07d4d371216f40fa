//! The session stores, chosen by `SESSION_STORE`: `memory` (development default),
//! `sqlite://PATH` (one machine, survives restarts) and `redis://HOST:PORT[/DB]`
//! (several app instances share sessions).

mod redis;
mod sqlite;

use async_trait::async_trait;
use tower_sessions::MemoryStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Result, SessionStore};
use tower_sessions_redis_store::RedisStore;
use tower_sessions_redis_store::fred::prelude::Pool;
use tower_sessions_sqlx_store::SqliteStore;

use crate::error::SetupError;

/// Where sessions are kept.
#[derive(Clone, Debug)]
pub enum Store {
    Memory(MemoryStore),
    Sqlite(SqliteStore),
    Redis(RedisStore<Pool>),
}

impl Store {
    /// Opens the store a `SESSION_STORE` value names, checking that it can be
    /// reached; an error names `SESSION_STORE`.
    pub async fn connect(url: &str) -> std::result::Result<Store, SetupError> {
        if url == "memory" {
            return Ok(Store::Memory(MemoryStore::default()));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            return sqlite::open(url, path).await.map(Store::Sqlite);
        }
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
            Store::Sqlite(_) => "sqlite",
            Store::Redis(_) => "redis",
        }
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> Result<()> {
        match self {
            Store::Memory(s) => s.create(record).await,
            Store::Sqlite(s) => s.create(record).await,
            Store::Redis(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        match self {
            Store::Memory(s) => s.save(record).await,
            Store::Sqlite(s) => s.save(record).await,
            Store::Redis(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        match self {
            Store::Memory(s) => s.load(id).await,
            Store::Sqlite(s) => s.load(id).await,
            Store::Redis(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        match self {
            Store::Memory(s) => s.delete(id).await,
            Store::Sqlite(s) => s.delete(id).await,
            Store::Redis(s) => s.delete(id).await,
        }
    }
}
