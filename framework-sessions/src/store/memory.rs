//! `memory`: sessions in this process, bounded. tower-sessions' own `MemoryStore`
//! never removes an expired session (it only stops returning it), so a server that
//! hands out sessions (each visit to a form gets a CSRF token) grows for as long as
//! it runs. This one sweeps expired sessions out every [`SWEEP_EVERY`] new sessions
//! and when it is full, and past its capacity drops the session closest to expiring.
//! A map under a lock, as tower-sessions' is: a cache crate (moka) cost a quarter
//! more instructions per session request. The map hashes ids with foldhash (seeded
//! per process) rather than SipHash: ids are random, and the session layer only
//! looks up ids whose cookie signature it verified.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{ExpiredDeletion, Result, SessionStore};

/// How many new sessions between two sweeps of the expired ones.
pub const SWEEP_EVERY: u64 = 1024;

/// Sessions in memory: at most `capacity`, none kept past its expiry for long.
///
/// ```
/// use framework_sessions::MemoryStore;
///
/// let store = MemoryStore::new(10_000);
/// assert_eq!(store.len(), 0);
/// ```
#[derive(Clone, Debug)]
pub struct MemoryStore(Arc<Mutex<Sessions>>);

#[derive(Debug)]
struct Sessions {
    records: HashMap<Id, Record, foldhash::fast::RandomState>,
    capacity: usize,
    created: u64,
}

impl MemoryStore {
    /// A store keeping up to `capacity` sessions (at least one).
    pub fn new(capacity: usize) -> Self {
        MemoryStore(Arc::new(Mutex::new(Sessions {
            records: HashMap::default(),
            capacity: capacity.max(1),
            created: 0,
        })))
    }

    /// How many sessions the store holds now, expired ones not swept yet included.
    pub fn len(&self) -> usize {
        self.lock().records.len()
    }

    /// Whether the store holds no session.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> MutexGuard<'_, Sessions> {
        // A panic while the map was held leaves it whole: no call below panics
        // half-way through a change.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Sessions {
    fn sweep(&mut self, now: OffsetDateTime) {
        self.records.retain(|_, record| record.expiry_date > now);
    }

    /// Makes room for one more session.
    fn make_room(&mut self) {
        if self.records.len() < self.capacity {
            return;
        }
        self.sweep(OffsetDateTime::now_utc());
        while self.records.len() >= self.capacity {
            let Some(first) = self
                .records
                .values()
                .min_by_key(|record| record.expiry_date)
                .map(|record| record.id)
            else {
                return;
            };
            self.records.remove(&first);
        }
    }

    /// Stores `record`, replacing the session with its id if there is one.
    fn insert(&mut self, record: &Record) {
        if let Some(stored) = self.records.get_mut(&record.id) {
            stored.clone_from(record);
            return;
        }
        self.insert_new(record);
    }

    /// Stores `record`, whose id the map does not hold.
    fn insert_new(&mut self, record: &Record) {
        self.make_room();
        self.records.insert(record.id, record.clone());
    }
}

#[async_trait]
impl SessionStore for MemoryStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let mut sessions = self.lock();
        while sessions.records.contains_key(&record.id) {
            record.id = Id::default();
        }
        sessions.created += 1;
        if sessions.created.is_multiple_of(SWEEP_EVERY) {
            sessions.sweep(OffsetDateTime::now_utc());
        }
        sessions.insert_new(record);
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.lock().insert(record);
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let mut sessions = self.lock();
        match sessions.records.get(id) {
            Some(record) if record.expiry_date > OffsetDateTime::now_utc() => {
                Ok(Some(record.clone()))
            }
            Some(_) => {
                sessions.records.remove(id);
                Ok(None)
            }
            None => Ok(None),
        }
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.lock().records.remove(id);
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for MemoryStore {
    async fn delete_expired(&self) -> Result<()> {
        self.lock().sweep(OffsetDateTime::now_utc());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::MemoryStore;
    use cookie::time::{Duration, OffsetDateTime};
    use tower_sessions::session::{Id, Record};
    use tower_sessions::session_store::SessionStore;

    fn record(user: &str) -> Record {
        Record {
            id: Id::default(),
            data: [("user".to_owned(), serde_json::json!(user))].into(),
            expiry_date: OffsetDateTime::now_utc() + Duration::hours(1),
        }
    }

    #[tokio::test]
    async fn saving_a_stored_session_replaces_it() {
        let store = MemoryStore::new(10);
        let mut first = record("alice");
        store.create(&mut first).await.unwrap();
        let mut changed = first.clone();
        changed
            .data
            .insert("user".to_owned(), serde_json::json!("bob"));
        store.save(&changed).await.unwrap();
        assert_eq!(store.len(), 1);
        let loaded = store.load(&first.id).await.unwrap().unwrap();
        assert_eq!(loaded.data["user"], "bob");
    }

    #[tokio::test]
    async fn saving_a_new_session_keeps_the_bound() {
        let store = MemoryStore::new(2);
        store.create(&mut record("a")).await.unwrap();
        store.create(&mut record("b")).await.unwrap();
        let new = record("c");
        store.save(&new).await.unwrap();
        assert_eq!(store.len(), 2);
        assert!(store.load(&new.id).await.unwrap().is_some());
    }
}
