//! Flaskr, Flask's tutorial blog, on this framework. Run with `cargo run -p flaskr`,
//! then open <http://127.0.0.1:5000/>.
//!
//! `flaskr init-db` (re)creates the tables; `flaskr run --host H --port P` serves
//! (the default command), creating the tables first if they are missing; `flaskr db
//! migrate` / `flaskr db status` apply and list the migrations; `flaskr routes` lists
//! the routes. The data is in `FLASKR_DATABASE` (a SQLite file, default
//! `instance/flaskr.sqlite`) unless `DATABASE_URL` names a database (`sqlite://…`
//! or `postgres://…`). `SECRET_KEY` and `SESSION_STORE` as for every app; `OIDC_*`
//! turns on "Log in with OpenID Connect" (see `oidc.rs`).
#![forbid(unsafe_code)]

mod auth;
mod blog;
mod db;
mod oidc;
mod queries;
mod user;

// ANCHOR: uses
use framework_core::cli::Cli;
use framework_core::prelude::*;
use framework_db::Database;
// ANCHOR_END: uses

#[get("/hello")]
async fn hello() -> &'static str {
    "Hello, World!"
}

// ANCHOR: app
/// The app: its routes and static files. The database is installed at startup.
pub fn app() -> App {
    App::new()
        .register(routes![hello])
        .blueprint(auth::blueprint())
        .blueprint(blog::blueprint())
        .static_folder(concat!(env!("CARGO_MANIFEST_DIR"), "/static"))
}
// ANCHOR_END: app

// ANCHOR: main
fn main() -> std::process::ExitCode {
    let setup = db::setup();
    let cli = Cli::new("flaskr", app()).command(
        clap::Command::new("init-db").about("Clear the existing data and create new tables"),
        |_, config| {
            db::init_db_command(config)?;
            println!("Initialized the database.");
            Ok(())
        },
    );
    setup
        .commands(cli)
        .setup(move |app, config| async move {
            // `run` has applied the app's own settings (TRUSTED_PROXIES, the limits
            // and timeouts, the security headers, MAX_CONTENT_LENGTH, …) already.
            let database = Database::connect(&setup.settings(&config)?).await?;
            // Creates the tables when they are missing; a no-op afterwards.
            setup.migrations_of().run(&database).await?;
            let app = framework_db::install(app, database);
            let app = match oidc::from_config(&config)? {
                Some(oidc) => app.extension(oidc),
                None => app,
            };
            Ok(framework_sessions::install(app, &config).await?)
        })
        .main()
}
// ANCHOR_END: main

#[cfg(test)]
mod tests;
