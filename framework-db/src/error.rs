//! What can go wrong: at startup (a message naming the setting), and during a request
//! (a database that is down is a 503, anything else a 500).

use framework_core::Error;
use framework_core::config::ConfigError;
use http::StatusCode;

/// A database problem found at startup or by a `db` command. The message starts
/// with the setting to fix.
///
/// ```
/// use framework_db::SetupError;
///
/// let error = SetupError::setting("DATABASE_URL", "must start with sqlite: or postgres://");
/// assert_eq!(error.to_string(), "DATABASE_URL must start with sqlite: or postgres://");
/// ```
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A setting has a value that cannot work.
    #[error("{name} {message}")]
    Setting {
        /// The environment variable (or `CONFIG_FILE` key, upper-cased).
        name: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// The configuration itself did not load (the message names the variable).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The database named by `DATABASE_URL` did not answer.
    #[error("DATABASE_URL: cannot connect to {url}: {source}")]
    Connect {
        /// The URL without its password.
        url: String,
        /// Why.
        source: sqlx::Error,
    },
    /// A migration failed, or the database has migrations this app does not know.
    #[error("migrations failed on {url}: {source}")]
    Migrate {
        /// The URL without its password.
        url: String,
        /// Why.
        source: sqlx::migrate::MigrateError,
    },
    /// The app has no migrations for this kind of database.
    #[error("DATABASE_URL names a {backend} database, and the app has no migrations for it")]
    NoMigrations {
        /// `SQLite` or `PostgreSQL`.
        backend: &'static str,
    },
    /// Reading or writing the migrations table failed.
    #[error("cannot read the migrations of {url}: {source}")]
    Status {
        /// The URL without its password.
        url: String,
        /// Why.
        source: sqlx::Error,
    },
}

impl SetupError {
    /// A setting's value that cannot work; the message follows the setting's name.
    pub fn setting(name: &'static str, message: impl Into<String>) -> Self {
        SetupError::Setting {
            name,
            message: message.into(),
        }
    }
}

/// Whether `error` means the database cannot be reached right now (it is down,
/// restarting, or every connection is busy): the request should be retried later.
///
/// ```
/// assert!(framework_db::is_unavailable(&sqlx::Error::PoolTimedOut));
/// assert!(!framework_db::is_unavailable(&sqlx::Error::RowNotFound));
/// ```
pub fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => match db.code() {
            // PostgreSQL: class 08 is "connection exception"; 57P01-57P03 are the
            // server shutting down or starting up. SQLite: 5 and 6 are BUSY and LOCKED.
            Some(code) => {
                code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03" | "5" | "6")
            }
            None => false,
        },
        _ => false,
    }
}

/// Turns a database error into the framework's `Error`: 503 Service Unavailable
/// (logged as a warning) when the database cannot be reached, else 500. Handlers can
/// use it where `?` alone would answer 500.
///
/// ```
/// use framework_core::http::StatusCode;
///
/// let error = framework_db::db_error(sqlx::Error::PoolTimedOut);
/// assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
/// assert_eq!(framework_db::db_error(sqlx::Error::RowNotFound).status(), StatusCode::INTERNAL_SERVER_ERROR);
/// ```
pub fn db_error(error: sqlx::Error) -> Error {
    if is_unavailable(&error) {
        tracing::warn!(%error, "the database is unavailable: answering 503");
        Error::new(StatusCode::SERVICE_UNAVAILABLE, error)
    } else {
        Error::new(StatusCode::INTERNAL_SERVER_ERROR, error)
    }
}

/// `url` with its password replaced by `***`, for messages and logs.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}{path}")
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/app?sslmode=disable"),
            "postgres://app:***@db:5432/app?sslmode=disable"
        );
        assert_eq!(redact("postgres://app@db/app"), "postgres://app@db/app");
        assert_eq!(
            redact("sqlite://instance/app.sqlite"),
            "sqlite://instance/app.sqlite"
        );
        assert_eq!(redact("sqlite::memory:"), "sqlite::memory:");
    }

    #[test]
    fn down_is_503_and_the_rest_500() {
        let io = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert_eq!(db_error(io).status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            db_error(sqlx::Error::PoolClosed).status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(
            db_error(sqlx::Error::ColumnNotFound("x".into())).status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
