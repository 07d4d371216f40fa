#![forbid(unsafe_code)]
// ANCHOR: all
//! Run with `cargo run -p hello`, then open <http://127.0.0.1:5000/>.
//!
//! One page, one JSON route, and one blueprint with a hook.

// ANCHOR: app
// ANCHOR: uses
use framework_core::prelude::*;
// ANCHOR_END: uses

#[get("/")]
async fn index() -> Html<String> {
    Html(format!(
        "<h1>Hello, World!</h1><p><a href=\"{}\">Say hello to Ferris</a></p>",
        url_for!(greet::hello, name = "Ferris")
    ))
}

#[derive(Serialize)]
struct Status {
    message: &'static str,
}

#[get("/api/status")]
async fn status() -> Json<Status> {
    Json(Status { message: "ok" })
}

#[blueprint(prefix = "/greet")]
mod greet {
    use framework_core::prelude::*;

    #[derive(Clone)]
    pub struct Greeting(pub &'static str);

    /// Runs before every route of this blueprint.
    #[before_request]
    async fn choose_greeting(g: G, headers: HeaderMap) {
        let french = headers
            .get("accept-language")
            .is_some_and(|v| v.as_bytes().starts_with(b"fr"));
        g.insert(Greeting(if french { "Bonjour" } else { "Hello" }));
    }

    #[get("/<name>")]
    async fn hello(name: String, g: G) -> String {
        let greeting = g.get::<Greeting>().map_or("Hello", |g| g.0);
        format!("{greeting}, {name}!")
    }
}

fn app() -> App {
    App::new()
        .register(routes![index, status])
        .blueprint(greet::blueprint())
}
// ANCHOR_END: app

// ANCHOR: main
/// `hello` serves on 127.0.0.1:5000 (`HOST`, `PORT`, or `hello run --port 8000`);
/// `hello routes` lists the routes.
fn main() -> std::process::ExitCode {
    framework_core::cli::Cli::new("hello", app()).main()
}
// ANCHOR_END: main

#[cfg(test)]
mod tests;
// ANCHOR_END: all
