//! Putting a database into an app: settings, connecting, migrations at startup, the
//! extractors' layer, and the `db` commands.

use std::sync::Arc;

use framework_core::App;
use framework_core::config::Config;
use framework_core::middleware::MiddlewareLayer;

use crate::database::Database;
use crate::error::SetupError;
use crate::layer::TxLayer;
use crate::migrate::Migrations;
use crate::settings::DbSettings;

type DefaultUrl = Arc<dyn Fn(&Config) -> Option<String> + Send + Sync>;

/// How an app gets its database: the migrations it brings and, optionally, a default
/// URL of its own. Clone it into both the CLI's `setup` and its commands.
///
/// ```no_run
/// use framework_core::cli::Cli;
/// use framework_core::prelude::*;
/// use framework_db::{Migrations, Setup};
///
/// static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("tests/migrations/sqlite");
///
/// fn main() -> std::process::ExitCode {
///     let db = Setup::new().migrations(Migrations::new().sqlite(&MIGRATIONS));
///     let cli = Cli::new("app", App::new());
///     db.commands(cli) // `app db migrate`, `app db status`
///         .setup(move |app, config| async move { Ok(db.install(app, &config).await?) })
///         .main()
/// }
/// ```
#[derive(Clone, Default)]
pub struct Setup {
    migrations: Migrations,
    default_url: Option<DefaultUrl>,
}

impl Setup {
    /// No migrations, and the framework's default URL.
    pub fn new() -> Self {
        Self::default()
    }

    /// The app's migrations (for `db migrate`, `db status` and `DATABASE_MIGRATE`).
    pub fn migrations(mut self, migrations: Migrations) -> Self {
        self.migrations = migrations;
        self
    }

    /// The URL to use when `DATABASE_URL` is not set, computed from the
    /// configuration (`None`: the framework's default).
    ///
    /// ```
    /// use framework_core::config::Config;
    /// use framework_db::Setup;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Blog {
    ///     blog_database: Option<String>, // BLOG_DATABASE, a file name
    /// }
    ///
    /// let setup = Setup::new().default_url(|config| {
    ///     let file = config.settings::<Blog>().ok()?.blog_database?;
    ///     Some(format!("sqlite://{file}"))
    /// });
    /// let config = Config::from_vars([("BLOG_DATABASE", "blog.sqlite")]).unwrap();
    /// assert_eq!(setup.settings(&config).unwrap().url, "sqlite://blog.sqlite");
    /// ```
    pub fn default_url(
        mut self,
        url: impl Fn(&Config) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.default_url = Some(Arc::new(url));
        self
    }

    /// The app's migrations.
    pub fn migrations_of(&self) -> Migrations {
        self.migrations
    }

    /// The settings from `config`, with the app's default URL.
    pub fn settings(&self, config: &Config) -> Result<DbSettings, SetupError> {
        let default = self.default_url.as_ref().and_then(|f| f(config));
        DbSettings::from_config(config, default)
    }

    /// Connects (an unreachable database is an error naming `DATABASE_URL`) and,
    /// when `DATABASE_MIGRATE` is true, applies the pending migrations.
    pub async fn connect(&self, config: &Config) -> Result<Database, SetupError> {
        let settings = self.settings(config)?;
        let database = Database::connect(&settings).await?;
        if settings.migrate {
            let applied = self.migrations.run(&database).await?;
            tracing::info!(applied, "DATABASE_MIGRATE: migrations are up to date");
        }
        Ok(database)
    }

    /// Connects and installs the database into `app` (see [`install`]).
    pub async fn install(&self, app: App, config: &Config) -> Result<App, SetupError> {
        Ok(install(app, self.connect(config).await?))
    }
}

/// Makes `database` available to the [`Db`](crate::Db) and [`Tx`](crate::Tx)
/// extractors (and as `Extension<Database>`), and adds the layer that commits or
/// rolls back each request's transaction.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use framework_core::App;
/// use framework_db::{Database, DbSettings};
///
/// let database = Database::connect(&DbSettings::for_url("sqlite::memory:")).await.unwrap();
/// let app = framework_db::install(App::new(), database);
/// # let _ = app;
/// # }
/// ```
pub fn install(app: App, database: Database) -> App {
    app.layer(MiddlewareLayer(TxLayer))
        .extension(database)
        .error_status(unavailable_status)
}

/// `?` on a database error that says the database cannot be reached answers 503
/// through the app's error handlers, not 500.
fn unavailable_status(error: &sqlx::Error) -> Option<framework_core::http::StatusCode> {
    crate::error::is_unavailable(error).then(|| {
        tracing::warn!(%error, "the database is unavailable: answering 503");
        framework_core::http::StatusCode::SERVICE_UNAVAILABLE
    })
}
