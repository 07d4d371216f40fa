//! Flaskr, Flask's tutorial blog, on this framework. Run with `cargo run -p flaskr`,
//! then open <http://127.0.0.1:5000/>.
//!
//! `flaskr init-db` (re)creates the tables in `FLASKR_DATABASE` (default
//! `instance/flaskr.sqlite`); `flaskr run --host H --port P` serves (the default
//! command), creating the database first if the file does not exist; `flaskr routes`
//! lists the routes. `SECRET_KEY` and `SESSION_STORE` as for every app.

mod auth;
mod blog;
mod db;
mod user;

use framework_core::cli::Cli;
use framework_core::prelude::*;

use db::DbPath;

#[get("/hello")]
async fn hello() -> &'static str {
    "Hello, World!"
}

// ANCHOR: app
/// The app for a database file.
pub fn app(database: DbPath) -> App {
    App::new()
        .register(routes![hello])
        .blueprint(auth::blueprint())
        .blueprint(blog::blueprint())
        .static_folder(concat!(env!("CARGO_MANIFEST_DIR"), "/static"))
        .extension(database)
}
// ANCHOR_END: app

// ANCHOR: main
fn main() -> std::process::ExitCode {
    let database = DbPath::from_env();
    let init_path = database.0.clone();
    Cli::new("flaskr", app(database.clone()))
        .command(
            clap::Command::new("init-db").about("Clear the existing data and create new tables"),
            move |_, _| {
                db::init_db(&init_path)?;
                println!("Initialized the database.");
                Ok(())
            },
        )
        .setup(move |app, config| async move {
            if !database.0.exists() {
                db::init_db(&database.0)?;
            }
            Ok(framework_sessions::install(app, &config).await?)
        })
        .main()
}
// ANCHOR_END: main

#[cfg(test)]
mod tests;
