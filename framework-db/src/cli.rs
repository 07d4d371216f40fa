//! `db migrate` and `db status`, added to an app's command line.

use clap::Command;
use framework_core::cli::{Cli, CommandError};
use framework_core::config::Config;

use crate::database::Database;
use crate::migrate::MigrationStatus;
use crate::setup::Setup;

impl Setup {
    /// Adds `db migrate` (apply the pending migrations) and `db status` (list every
    /// migration and whether it ran) to `cli`.
    ///
    /// ```
    /// use framework_core::cli::{Cli, Outcome};
    /// use framework_core::App;
    ///
    /// let cli = framework_db::Setup::new().commands(Cli::new("app", App::new()));
    /// let mut out = Vec::new();
    /// let outcome = cli.run_with(["app", "db", "--help"], Vec::new(), &mut out);
    /// assert_eq!(outcome, Outcome::Usage { code: 0 });
    /// assert!(String::from_utf8(out).unwrap().contains("migrate"));
    /// ```
    pub fn commands(&self, cli: Cli) -> Cli {
        let command = Command::new("db")
            .about("Database migrations")
            .subcommand_required(true)
            .subcommand(Command::new("migrate").about("Apply the pending migrations"))
            .subcommand(
                Command::new("status").about("List the migrations and whether each has run"),
            );
        let setup = self.clone();
        cli.command(command, move |args, config| match args.subcommand() {
            Some(("migrate", _)) => block_on(migrate(&setup, config)),
            Some(("status", _)) => block_on(status(&setup, config)),
            _ => Err("usage: db migrate | db status".into()),
        })
    }
}

/// Commands are synchronous; each `db` command runs in a runtime of its own.
fn block_on(future: impl Future<Output = Result<(), CommandError>>) -> Result<(), CommandError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(future)
}

async fn connect(setup: &Setup, config: &Config) -> Result<Database, CommandError> {
    let settings = setup.settings(config)?;
    Ok(Database::connect(&settings).await?)
}

async fn migrate(setup: &Setup, config: &Config) -> Result<(), CommandError> {
    let database = connect(setup, config).await?;
    let applied = setup.migrations_of().run(&database).await?;
    database.close().await;
    match applied {
        0 => println!("No pending migrations."),
        1 => println!("Applied 1 migration."),
        n => println!("Applied {n} migrations."),
    }
    Ok(())
}

async fn status(setup: &Setup, config: &Config) -> Result<(), CommandError> {
    let database = connect(setup, config).await?;
    let status = setup.migrations_of().status(&database).await?;
    database.close().await;
    print!("{}", format_status(&status));
    Ok(())
}

/// One line a migration: state, version, description.
pub(crate) fn format_status(status: &[MigrationStatus]) -> String {
    if status.is_empty() {
        return "No migrations.\n".to_owned();
    }
    status
        .iter()
        .map(|m| {
            format!(
                "{:<8} {:>14}  {}\n",
                m.state.as_str(),
                m.version,
                m.description
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate::MigrationState;

    #[test]
    fn status_lines() {
        let status = [
            MigrationStatus {
                version: 1,
                description: "create user and post".into(),
                state: MigrationState::Applied,
            },
            MigrationStatus {
                version: 2,
                description: "add post tags".into(),
                state: MigrationState::Pending,
            },
        ];
        assert_eq!(
            format_status(&status),
            "applied               1  create user and post\npending               2  add post tags\n"
        );
        assert_eq!(format_status(&[]), "No migrations.\n");
    }
}
