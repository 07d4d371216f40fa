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
/// Without `Cli` (which applies the configuration itself before `run` serves):
/// read it, apply it, serve. A bad value stops the app before it listens, with a
/// message naming the setting.
pub async fn serve_without_cli() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    let app = App::new().register(routes![index]).configure(&config)?;
    app.serve(&config.address()).await?;
    Ok(())
}
// ANCHOR_END: apply

// ANCHOR: current_config
/// Flask's `current_app.config`: a handler takes the app's `Config`.
#[get("/about")]
pub async fn about(config: Config) -> Result<String> {
    let settings: Settings = config.settings()?;
    let mode = if config.is_production() {
        "production"
    } else {
        "development"
    };
    Ok(format!("{mode}, {} items a page", settings.items_per_page))
}
// ANCHOR_END: current_config

pub fn about_app(config: &Config) -> Result<App, ConfigError> {
    App::new().register(routes![about]).configure(config)
}
