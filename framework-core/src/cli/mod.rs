//! The command line, like the `flask` command: `run` serves the app, `routes` lists
//! its routes, and apps add commands of their own (Flask's `@app.cli.command()`).

#[cfg(unix)]
mod reload;
mod routes;

#[cfg(unix)]
pub use reload::Reloader;
pub use routes::SortBy;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{Arg, ArgMatches, Command};

use crate::App;
use crate::config::Config;
use crate::serve::Listen;

/// The error a command may return; its message is printed and the exit code is 1.
pub type CommandError = Box<dyn std::error::Error + Send + Sync>;

type Handler = Box<dyn Fn(&ArgMatches, &Config) -> Result<(), CommandError>>;

type SetupFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Result<App, CommandError>>>>;
type Setup = Box<dyn FnOnce(App, Config) -> SetupFuture>;

/// An app's command line: `run`, `routes` and the app's own commands.
///
/// ```no_run
/// use framework_core::cli::Cli;
/// use framework_core::prelude::*;
///
/// #[get("/")]
/// async fn index() -> &'static str {
///     "Hello, World!"
/// }
///
/// fn main() -> std::process::ExitCode {
///     Cli::new("hello", App::new().register(routes![index]))
///         .command(
///             clap::Command::new("init-db").about("Create the tables"),
///             |_args, _config| {
///                 println!("Initialized the database.");
///                 Ok(())
///             },
///         )
///         .main()
/// }
/// ```
pub struct Cli {
    name: &'static str,
    app: App,
    commands: Vec<(Command, Handler)>,
    setup: Option<Setup>,
}

/// What a command line run ended with.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The command ran to the end.
    Done,
    /// The arguments were wrong, or help was asked for; clap's text was written.
    Usage { code: i32 },
    /// The command failed; the message was written.
    Failed,
}

impl Cli {
    /// A command line named `name` (shown in help) for `app`.
    pub fn new(name: &'static str, app: App) -> Self {
        Self {
            name,
            app,
            commands: Vec::new(),
            setup: None,
        }
    }

    /// Finishes the app before `run` serves it, inside the server's async runtime:
    /// for what needs the configuration or I/O, such as connecting the session store.
    /// The app it is given is already configured ([`App::configure`] has applied the
    /// app's settings).
    ///
    /// ```no_run
    /// # use framework_core::cli::Cli;
    /// # use framework_core::App;
    /// Cli::new("app", App::new())
    ///     .setup(|app, config| async move {
    ///         // e.g. `framework_sessions::install(app, &config).await?`
    ///         let _ = config;
    ///         Ok(app)
    ///     })
    ///     .main();
    /// ```
    pub fn setup<F, Fut>(mut self, setup: F) -> Self
    where
        F: FnOnce(App, Config) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<App, CommandError>> + 'static,
    {
        self.setup = Some(Box::new(move |app, config| Box::pin(setup(app, config))));
        self
    }

    /// Adds a command of the app's own: a clap `Command` (its name, arguments and
    /// help) and what it does, given its parsed arguments and the configuration.
    pub fn command(
        mut self,
        command: Command,
        run: impl Fn(&ArgMatches, &Config) -> Result<(), CommandError> + 'static,
    ) -> Self {
        self.commands.push((command, Box::new(run)));
        self
    }

    fn clap(&self) -> Command {
        let run = Command::new("run")
            .about("Serve the app (the default when no command is given)")
            .arg(
                Arg::new("host")
                    .long("host")
                    .value_name("HOST")
                    .help("Address to listen on [default: HOST, or 127.0.0.1]"),
            )
            .arg(
                Arg::new("port")
                    .long("port")
                    .short('p')
                    .value_name("PORT")
                    .value_parser(clap::value_parser!(u16))
                    .help("Port to listen on [default: PORT, or 5000]"),
            )
            .arg(
                Arg::new("reload")
                    .long("reload")
                    .action(clap::ArgAction::SetTrue)
                    .help(
                        "Rebuild and restart on changes to src/ and templates/ (development only)",
                    ),
            );
        let routes = Command::new("routes")
            .about("Show the routes of the app")
            .arg(
                Arg::new("sort")
                    .long("sort")
                    .short('s')
                    .value_parser(clap::value_parser!(SortBy))
                    .default_value("endpoint")
                    .help("How to sort the table"),
            );
        let mut cli = Command::new(self.name)
            .about("Run the app or one of its commands")
            .subcommand(run)
            .subcommand(routes);
        for (command, _) in &self.commands {
            cli = cli.subcommand(command.clone());
        }
        cli
    }

    /// Parses the process's arguments and environment, runs the command, and returns
    /// the exit code for `main` (0, 1 when the command failed, 2 for bad arguments).
    /// Installs a tracing subscriber (`RUST_LOG`, default `info`; colour only on a
    /// terminal), see [`init_tracing`].
    pub fn main(self) -> ExitCode {
        init_tracing();
        let outcome = self.run_with(
            std::env::args_os(),
            std::env::vars(),
            &mut std::io::stdout(),
        );
        match outcome {
            Outcome::Done => ExitCode::SUCCESS,
            Outcome::Failed => ExitCode::FAILURE,
            Outcome::Usage { code } => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        }
    }

    /// Runs with these arguments (the first is the program name) and environment
    /// variables, writing output to `out`: the testable form of [`main`](Cli::main).
    pub fn run_with<I, T>(
        self,
        args: I,
        vars: impl IntoIterator<Item = (String, String)>,
        out: &mut dyn Write,
    ) -> Outcome
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let matches = match self.clap().try_get_matches_from(args) {
            Ok(matches) => matches,
            Err(error) => {
                let _ = write!(out, "{}", error.render().ansi());
                return Outcome::Usage {
                    code: error.exit_code(),
                };
            }
        };
        let config = match Config::from_vars(vars) {
            Ok(config) => config,
            Err(error) => return fail(out, &error),
        };
        let result = match matches.subcommand() {
            None => self.run_server(config, None, None),
            Some(("run", args)) if args.get_flag("reload") => run_reloader(
                &config,
                args.get_one::<String>("host").cloned(),
                args.get_one::<u16>("port").copied(),
            ),
            Some(("run", args)) => self.run_server(
                config,
                args.get_one::<String>("host").cloned(),
                args.get_one::<u16>("port").copied(),
            ),
            Some(("routes", args)) => {
                let sort = args
                    .get_one::<SortBy>("sort")
                    .copied()
                    .unwrap_or(SortBy::Endpoint);
                routes::write_table(self.app.routes(), sort, out).map_err(Into::into)
            }
            Some((name, args)) => match self.commands.iter().find(|(c, _)| c.get_name() == name) {
                Some((_, run)) => run(args, &config),
                None => Err(format!("unknown command `{name}`").into()),
            },
        };
        match result {
            Ok(()) => Outcome::Done,
            Err(error) => fail(out, &*error),
        }
    }

    fn run_server(
        self,
        config: Config,
        host: Option<String>,
        port: Option<u16>,
    ) -> Result<(), CommandError> {
        let address = address(&config, host, port);
        // Taken before the runtimes start threads: it edits the environment.
        let listen = match crate::serve::inherited_listener()? {
            Some(listener) => Listen::Inherited(listener),
            None => Listen::Bind(&address),
        };
        // The app's settings apply before the setup sees the app, as Flask's
        // `app.config` does before the app is used.
        let app = self.app.configure(&config)?;
        let setup = self.setup;
        crate::serve::serve_on_threads(listen, async move {
            match setup {
                Some(setup) => setup(app, config).await,
                None => Ok(app),
            }
        })
    }
}

/// The address `run` listens on: `--host`/`--port`, else `HOST`/`PORT`.
fn address(config: &Config, host: Option<String>, port: Option<u16>) -> String {
    let host = host.unwrap_or_else(|| config.host.clone());
    let port = port.unwrap_or(config.port);
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// `run --reload`: this process binds the socket once and supervises the app.
#[cfg(unix)]
fn run_reloader(
    config: &Config,
    host: Option<String>,
    port: Option<u16>,
) -> Result<(), CommandError> {
    if config.is_production() {
        return Err("`run --reload` is for development, and APP_ENV is \"production\": run without --reload (rebuilding on changes has no place on a server)".into());
    }
    let address = address(config, host, port);
    let listener = match crate::serve::inherited_listener()? {
        Some(listener) => listener,
        None => std::net::TcpListener::bind(&address)
            .map_err(|error| format!("cannot listen on {address}: {error}"))?,
    };
    let reloader = Reloader::for_current_binary(listener)?;
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(reloader.run(crate::serve::shutdown_signal()))
}

#[cfg(not(unix))]
fn run_reloader(
    _config: &Config,
    _host: Option<String>,
    _port: Option<u16>,
) -> Result<(), CommandError> {
    Err(
        "`run --reload` needs a Unix system (it passes the listening socket to the restarted app)"
            .into(),
    )
}

fn fail(out: &mut dyn Write, error: &dyn std::fmt::Display) -> Outcome {
    let _ = writeln!(out, "error: {error}");
    Outcome::Failed
}

pub use crate::logging::init_tracing;
