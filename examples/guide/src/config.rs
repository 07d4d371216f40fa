//! Chapter 7: configuration and the command line.

// ANCHOR: settings
use framework_core::config::{Config, ConfigError};
use serde::Deserialize;

/// The app's own settings: each field from the environment variable of its upper-case
/// name (`DATABASE`, `ITEMS_PER_PAGE`), else from the `CONFIG_FILE` TOML file.
#[derive(Deserialize)]
pub struct Settings {
    pub database: String,
    #[serde(default = "default_items_per_page")]
    pub items_per_page: u32,
}

fn default_items_per_page() -> u32 {
    20
}

pub fn load(config: &Config) -> Result<Settings, ConfigError> {
    config.settings()
}
// ANCHOR_END: settings

// ANCHOR: cli
// ANCHOR: cli_uses
use framework_core::cli::Cli;
use framework_core::prelude::*;
// ANCHOR_END: cli_uses

#[get("/")]
pub async fn index() -> &'static str {
    "index"
}

/// `guide run --port 8000`, `guide routes`, and the app's own `guide init-db`.
pub fn cli() -> Cli {
    Cli::new("guide", App::new().register(routes![index])).command(
        clap::Command::new("init-db").about("Create the database tables"),
        |_args, config| {
            let settings = load(config)?;
            println!("Initialized the database in {}.", settings.database);
            Ok(())
        },
    )
}
// ANCHOR_END: cli

// ANCHOR: apply
/// `App::configure` applies the app's own settings (`TRUSTED_HOSTS`,
/// `MAX_CONTENT_LENGTH`, `SERVER_NAME`, …); in `setup`, a bad value stops `run`
/// before it listens, with a message naming the setting.
pub fn configured_cli() -> Cli {
    Cli::new("guide", App::new().register(routes![index]))
        .setup(|app, config| async move { Ok(app.configure(&config)?) })
}
// ANCHOR_END: apply
