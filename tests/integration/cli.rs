//! The command line: `routes` prints the table, apps add commands, bad arguments get
//! clap's message and exit code 2.

use std::cell::Cell;
use std::rc::Rc;

use framework_core::cli::{Cli, Outcome};
use framework_core::prelude::*;

#[get("/")]
async fn index() -> &'static str {
    "index"
}

#[blueprint(prefix = "/auth")]
mod auth {
    use framework_core::prelude::*;

    #[route("/login", methods = [GET, POST])]
    async fn login() -> &'static str {
        "login"
    }

    #[get("/logout")]
    async fn logout() -> &'static str {
        "logout"
    }
}

fn app() -> App {
    App::new()
        .register(routes![index])
        .blueprint(auth::blueprint())
}

fn run(cli: Cli, args: &[&str]) -> (Outcome, String) {
    let mut out = Vec::new();
    let outcome = cli.run_with(args.iter().copied(), Vec::new(), &mut out);
    (outcome, String::from_utf8(out).unwrap())
}

#[test]
fn routes_prints_the_table_like_flask() {
    let (outcome, out) = run(Cli::new("app", app()), &["app", "routes"]);
    assert_eq!(outcome, Outcome::Done);
    assert_eq!(
        out,
        "Endpoint     Methods    Rule\n\
         -----------  ---------  ------------\n\
         auth.login   GET, POST  /auth/login\n\
         auth.logout  GET        /auth/logout\n\
         index        GET        /\n"
    );
    let (_, by_rule) = run(Cli::new("app", app()), &["app", "routes", "--sort", "rule"]);
    let rules: Vec<&str> = by_rule
        .lines()
        .skip(2)
        .map(|l| l.rsplit(' ').next().unwrap())
        .collect();
    assert_eq!(rules, ["/", "/auth/login", "/auth/logout"]);
}

#[test]
fn apps_add_their_own_commands() {
    let ran = Rc::new(Cell::new(false));
    let seen = ran.clone();
    let cli = Cli::new("app", app()).command(
        clap::Command::new("init-db").arg(clap::Arg::new("force").long("force").num_args(0)),
        move |args, _config| {
            seen.set(args.get_flag("force"));
            Ok(())
        },
    );
    let (outcome, _) = run(cli, &["app", "init-db", "--force"]);
    assert_eq!(outcome, Outcome::Done);
    assert!(ran.get());
}

#[test]
fn a_failing_command_prints_its_error() {
    let cli = Cli::new("app", app()).command(clap::Command::new("boom"), |_, _| {
        Err("the database is locked".into())
    });
    let (outcome, out) = run(cli, &["app", "boom"]);
    assert_eq!(outcome, Outcome::Failed);
    assert_eq!(out, "error: the database is locked\n");
}

#[test]
fn bad_arguments_are_a_usage_error() {
    let (outcome, out) = run(Cli::new("app", app()), &["app", "run", "--port", "http"]);
    assert_eq!(outcome, Outcome::Usage { code: 2 });
    assert!(out.contains("--port"), "{out}");
    let (outcome, out) = run(Cli::new("app", app()), &["app", "frobnicate"]);
    assert_eq!(outcome, Outcome::Usage { code: 2 });
    assert!(out.contains("frobnicate"), "{out}");
}

#[test]
fn bad_configuration_is_reported_before_serving() {
    let mut out = Vec::new();
    let outcome = Cli::new("app", app()).run_with(
        ["app", "run"],
        vec![("APP_ENV".to_owned(), "staging".to_owned())],
        &mut out,
    );
    assert_eq!(outcome, Outcome::Failed);
    assert!(String::from_utf8(out).unwrap().contains("APP_ENV"));
}

#[test]
fn run_applies_the_apps_settings_before_it_listens() {
    // A bad app setting stops `run` with a message naming it (so the settings are
    // applied: `App::configure` runs before the setup and the server).
    let setup_ran = Rc::new(Cell::new(false));
    let seen = setup_ran.clone();
    let cli = Cli::new("app", app()).setup(move |app, _config| async move {
        seen.set(true);
        Ok(app)
    });
    let mut out = Vec::new();
    let vars = vec![
        ("MAX_CONTENT_LENGTH".to_owned(), "lots".to_owned()),
        ("PORT".to_owned(), "1".to_owned()),
    ];
    let outcome = cli.run_with(["app", "run"], vars, &mut out);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(outcome, Outcome::Failed);
    assert!(out.contains("MAX_CONTENT_LENGTH"), "{out}");
    assert!(!setup_ran.get());
}
