//! The `../shared/bench` endpoint contract written with the framework's macros, to
//! measure it against the same app hand-written on axum (`axum-raw`).
//!
//! Run with `cargo run --release -p bench-app -- --port 8080` (binds 127.0.0.1).
//! It is served as apps are, by `App::run` (one runtime per core, the framework's
//! limits, timeouts and tracing span). With `BENCH_AXUM_SERVE=1` in the environment
//! the app's router is served by bare `axum::serve` instead, exactly as `axum-raw`
//! is, to compare the two pipelines alone.
//! All six endpoints. Sessions are on for every route (memory store), as in
//! `axum-raw`; CSRF protection is not added (the harness posts `/form` without a
//! token, so it would be exempted anyway), so the app has the same features as the
//! baseline. `templates/fortunes.html` is a copy of the contract's template.
#![forbid(unsafe_code)]

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::templates::Page;
use framework_sessions::{Session, SessionLayer, SessionSettings, Store};

const HELLO: &str = "Hello, World!";

#[get("/plaintext")]
async fn plaintext() -> &'static str {
    HELLO
}

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

#[get("/json")]
async fn json() -> Json<Message> {
    Json(Message { message: HELLO })
}

#[get("/users/<id>")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

struct Fortune {
    id: u32,
    message: &'static str,
}

static FORTUNES: [Fortune; 10] = [
    Fortune {
        id: 1,
        message: "fortune 1",
    },
    Fortune {
        id: 2,
        message: "fortune 2",
    },
    Fortune {
        id: 3,
        message: "fortune 3",
    },
    Fortune {
        id: 4,
        message: "fortune 4",
    },
    Fortune {
        id: 5,
        message: "fortune 5",
    },
    Fortune {
        id: 6,
        message: "fortune 6",
    },
    Fortune {
        id: 7,
        message: "fortune 7",
    },
    Fortune {
        id: 8,
        message: "fortune 8",
    },
    Fortune {
        id: 9,
        message: "fortune 9",
    },
    Fortune {
        id: 10,
        message: "<script>alert('x')</script>",
    },
];

#[derive(askama::Template)]
#[template(path = "fortunes.html")]
struct FortunesPage {
    fortunes: &'static [Fortune],
}

#[get("/template")]
async fn template() -> Page<FortunesPage> {
    Page(FortunesPage {
        fortunes: &FORTUNES,
    })
}

#[derive(Deserialize, Validate)]
struct Signup {
    #[validate(length(min = 1, max = 50, message = "must be 1 to 50 characters"))]
    name: String,
    #[validate(email(message = "must be a valid email address"))]
    email: String,
}

#[post("/form")]
async fn form(ValidForm(signup): ValidForm<Signup>) -> String {
    format!("ok {}", signup.name)
}

#[get("/session")]
async fn session(session: Session) -> Result<String> {
    let count: i64 = session.get("count").await?.unwrap_or(0) + 1;
    session.insert("count", count).await?;
    Ok(format!("count {count}"))
}

fn app() -> App {
    let config = Config::from_vars([("SECRET_KEY", "bench-app: not a secret, plain http")])
        .expect("static configuration");
    let settings = SessionSettings::from_config(&config).expect("static configuration");
    let sessions = SessionLayer::new(settings, Store::memory());
    App::new()
        .register(routes![plaintext, json, user, template, session, form])
        .layer(sessions)
}

/// The framework's settings from the environment, in production unless `APP_ENV`
/// says otherwise: what is measured is an app as it is deployed, without the
/// development mode's request log and debug page.
fn settings() -> Result<Config, framework_core::config::ConfigError> {
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    for (name, default) in [
        ("APP_ENV", "production"),
        ("SECRET_KEY", "bench-app: not a secret, plain http"),
    ] {
        if !vars.iter().any(|(key, _)| key == name) {
            vars.push((name.to_owned(), default.to_owned()));
        }
    }
    Config::from_vars(vars)
}

/// `--port PORT`, a bare `PORT`, or `PORT` in the environment; 8080 when none is given.
fn port() -> Result<u16, String> {
    let mut args = std::env::args().skip(1);
    let raw = match (args.next(), args.next()) {
        (Some(flag), Some(port)) if flag == "--port" => Some(port),
        // `bench-app PORT`, as the harness's callgrind-all.sh calls every server.
        (Some(port), None) if port != "--port" => Some(port),
        (Some(other), _) => {
            return Err(format!(
                "unexpected argument {other:?}; usage: bench-app --port PORT"
            ));
        }
        (None, _) => std::env::var("PORT").ok(),
    };
    match raw {
        None => Ok(8080),
        Some(p) => p
            .parse()
            .map_err(|_| format!("--port must be an integer from 1 to 65535, got {p:?}")),
    }
}

fn main() {
    let port = match port() {
        Ok(port) => port,
        Err(message) => {
            eprintln!("bench-app: {message}");
            std::process::exit(2);
        }
    };
    // The framework's settings from the environment (`REQUEST_TIMEOUT`,
    // `SERVER_THREADS`, …), so that a run can also turn the security headers off
    // (`X_FRAME_OPTIONS=` …) and compare equal work.
    let app = match settings().and_then(|config| app().configure(&config)) {
        Ok(app) => app,
        Err(error) => {
            eprintln!("bench-app: {error}");
            std::process::exit(2);
        }
    };
    let address = format!("127.0.0.1:{port}");
    if std::env::var_os("BENCH_AXUM_SERVE").is_none() {
        // The way apps are served (`App::run`, as the command line's `run` does):
        // one single-threaded runtime per core, the framework's connection limits,
        // timeouts and per-request tracing span.
        if let Err(error) = app.run(&address) {
            eprintln!("bench-app: {error}");
            std::process::exit(1);
        }
        return;
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("bench-app: cannot start the runtime: {error}");
            std::process::exit(1);
        }
    };
    if let Err(message) = runtime.block_on(serve_router(app, &address)) {
        eprintln!("bench-app: {message}");
        std::process::exit(1);
    }
}

/// The app's router served by bare `axum::serve` on a multi-threaded runtime, as
/// `axum-raw` is.
async fn serve_router(app: App, address: &str) -> Result<(), String> {
    let router = app.into_router().map_err(|error| error.to_string())?;
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|error| format!("cannot bind {address}: {error}"))?;
    axum::serve(listener, router)
        .await
        .map_err(|error| format!("server error: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_links() {
        assert!(app().into_router().is_ok());
        assert_eq!(user::url(42).as_str(), "/users/42");
    }
}
