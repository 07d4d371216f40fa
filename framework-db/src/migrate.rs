//! Migrations: a folder of SQL files per backend, embedded at build time with
//! `sqlx::migrate!`, applied in order and recorded in `_sqlx_migrations`.

use sqlx::migrate::{Migrate, Migrator};

use crate::database::{Backend, Database};
use crate::error::SetupError;

/// The app's migrations, for each backend it runs on.
///
/// ```
/// use framework_db::Migrations;
/// use sqlx::migrate::Migrator;
///
/// static SQLITE: Migrator = sqlx::migrate!("tests/migrations/sqlite");
/// static POSTGRES: Migrator = sqlx::migrate!("tests/migrations/postgres");
///
/// let migrations = Migrations::new().sqlite(&SQLITE).postgres(&POSTGRES);
/// # let _ = migrations;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Migrations {
    sqlite: Option<&'static Migrator>,
    postgres: Option<&'static Migrator>,
}

/// Where one migration stands on the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationStatus {
    /// The number its file name starts with.
    pub version: i64,
    /// The rest of its file name.
    pub description: String,
    /// Applied, pending, or changed since it was applied.
    pub state: MigrationState,
}

/// Whether a migration has run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MigrationState {
    /// Recorded in `_sqlx_migrations` with the same checksum.
    Applied,
    /// Not run yet.
    Pending,
    /// Applied, but its file changed since: `db migrate` refuses to go on.
    Changed,
    /// Recorded in the database, but the app has no such file (a newer deployment
    /// ran it).
    Unknown,
}

impl MigrationState {
    /// `applied`, `pending`, `changed` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            MigrationState::Applied => "applied",
            MigrationState::Pending => "pending",
            MigrationState::Changed => "changed",
            MigrationState::Unknown => "unknown",
        }
    }
}

impl Migrations {
    /// No migrations.
    pub const fn new() -> Self {
        Migrations {
            sqlite: None,
            postgres: None,
        }
    }

    /// The migrations to run on SQLite.
    pub const fn sqlite(mut self, migrator: &'static Migrator) -> Self {
        self.sqlite = Some(migrator);
        self
    }

    /// The migrations to run on PostgreSQL.
    pub const fn postgres(mut self, migrator: &'static Migrator) -> Self {
        self.postgres = Some(migrator);
        self
    }

    /// The migrations for `backend`, if the app has any.
    pub fn for_backend(&self, backend: Backend) -> Option<&'static Migrator> {
        match backend {
            Backend::Sqlite => self.sqlite,
            Backend::Postgres => self.postgres,
        }
    }

    fn migrator(&self, backend: Backend) -> Result<&'static Migrator, SetupError> {
        self.for_backend(backend).ok_or(SetupError::NoMigrations {
            backend: backend.name(),
        })
    }

    /// Applies every pending migration, each in its own transaction; returns how many
    /// ran. Several instances starting at once are safe: the migrator takes a lock.
    pub async fn run(&self, database: &Database) -> Result<usize, SetupError> {
        let migrator = self.migrator(database.backend())?;
        let before = self.pending(database).await?;
        let result = match database {
            Database::Sqlite(pool) => migrator.run(pool).await,
            Database::Postgres(pool) => migrator.run(pool).await,
        };
        result.map_err(|source| SetupError::Migrate {
            url: url_of(database),
            source,
        })?;
        Ok(before)
    }

    async fn pending(&self, database: &Database) -> Result<usize, SetupError> {
        Ok(self
            .status(database)
            .await?
            .iter()
            .filter(|m| m.state == MigrationState::Pending)
            .count())
    }

    /// Every migration of the app and of the database, by version, with its state
    /// (what `db status` prints). Creates the bookkeeping table if it is missing.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use framework_db::{Database, DbSettings, MigrationState, Migrations};
    ///
    /// static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("tests/migrations/sqlite");
    /// let migrations = Migrations::new().sqlite(&SQLITE);
    /// let db = Database::connect(&DbSettings::for_url("sqlite::memory:")).await.unwrap();
    /// assert_eq!(migrations.status(&db).await.unwrap()[0].state, MigrationState::Pending);
    /// assert_eq!(migrations.run(&db).await.unwrap(), 1);
    /// assert_eq!(migrations.status(&db).await.unwrap()[0].state, MigrationState::Applied);
    /// # }
    /// ```
    pub async fn status(&self, database: &Database) -> Result<Vec<MigrationStatus>, SetupError> {
        let migrator = self.migrator(database.backend())?;
        let applied = match database {
            Database::Sqlite(pool) => applied(&mut *acquire(pool, database).await?).await,
            Database::Postgres(pool) => applied(&mut *acquire(pool, database).await?).await,
        }
        .map_err(|source| SetupError::Migrate {
            url: url_of(database),
            source,
        })?;
        let mut status: Vec<MigrationStatus> = migrator
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .map(|m| {
                let state = match applied.iter().find(|a| a.version == m.version) {
                    None => MigrationState::Pending,
                    Some(a) if a.checksum == m.checksum => MigrationState::Applied,
                    Some(_) => MigrationState::Changed,
                };
                MigrationStatus {
                    version: m.version,
                    description: m.description.to_string(),
                    state,
                }
            })
            .collect();
        for a in &applied {
            if !status.iter().any(|s| s.version == a.version) {
                status.push(MigrationStatus {
                    version: a.version,
                    description: String::new(),
                    state: MigrationState::Unknown,
                });
            }
        }
        status.sort_by_key(|s| s.version);
        Ok(status)
    }
}

async fn applied<C: Migrate + ?Sized>(
    conn: &mut C,
) -> Result<Vec<sqlx::migrate::AppliedMigration>, sqlx::migrate::MigrateError> {
    conn.ensure_migrations_table().await?;
    conn.list_applied_migrations().await
}

async fn acquire<DB: sqlx::Database>(
    pool: &sqlx::Pool<DB>,
    database: &Database,
) -> Result<sqlx::pool::PoolConnection<DB>, SetupError> {
    pool.acquire().await.map_err(|source| SetupError::Status {
        url: url_of(database),
        source,
    })
}

/// The database's URL for messages, without a password.
fn url_of(database: &Database) -> String {
    match database {
        Database::Sqlite(pool) => format!(
            "sqlite://{}",
            pool.connect_options().get_filename().display()
        ),
        Database::Postgres(pool) => {
            let options = pool.connect_options();
            format!(
                "postgres://{}:{}/{}",
                options.get_host(),
                options.get_port(),
                options.get_database().unwrap_or("")
            )
        }
    }
}
