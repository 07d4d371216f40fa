//! Run with `cargo run -p example-login`, then open <http://127.0.0.1:5000/>.
//!
//! Log in (any name, password `secret`), see a flashed welcome, log out. Every form
//! carries its CSRF token; every response says which instance answered
//! (`X-Instance`, from `INSTANCE_NAME`). With `SESSION_STORE=redis://…` several
//! instances behind a load balancer act as one site (see the guide's deployment
//! chapter).
#![forbid(unsafe_code)]

// ANCHOR: uses
use framework_core::cli::Cli;
use framework_core::http::request::Parts;
use framework_core::prelude::*;
use framework_sessions::{CurrentUser, LoginRequired, Session, User, safe_next};
// ANCHOR_END: uses

/// The password every demo user has.
const DEMO_PASSWORD: &str = "secret";

#[derive(Clone)]
struct Member {
    name: String,
}

// ANCHOR: user
impl User for Member {
    type Id = String;

    async fn load(id: String, _parts: &mut Parts) -> Result<Option<Self>> {
        Ok(Some(Member { name: id }))
    }

    fn login_url() -> Url {
        url_for!(login_form)
    }
}
// ANCHOR_END: user

/// Tags every response, refusals by the CSRF check included, with the instance
/// that answered: a layer outside everything else.
fn tag_instance(app: App) -> App {
    let instance = std::env::var("INSTANCE_NAME").unwrap_or_else(|_| "app".to_owned());
    let value = framework_core::http::HeaderValue::from_str(&instance)
        .unwrap_or_else(|_| framework_core::http::HeaderValue::from_static("app"));
    app.layer(framework_core::axum::middleware::map_response(
        move |mut response: Response| {
            let value = value.clone();
            async move {
                response.headers_mut().insert("x-instance", value);
                response
            }
        },
    ))
}

/// Escapes text for HTML (templates arrive with their issue).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

async fn flashes(session: &Session) -> Result<String> {
    Ok(session
        .flashed_messages()
        .await?
        .iter()
        .map(|f| {
            format!(
                "<div class=\"flash {}\">{}</div>",
                escape(&f.category),
                escape(&f.message)
            )
        })
        .collect())
}

// ANCHOR: index
#[get("/")]
async fn index(session: Session, CurrentUser(user): CurrentUser<Member>) -> Result<Html<String>> {
    let flashes = flashes(&session).await?;
    let body = match user {
        Some(user) => format!(
            "<p>Logged in as <b>{}</b>.</p><form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"csrf_token\" value=\"{}\"><button>Log out</button></form>",
            escape(&user.name),
            url_for!(logout),
            session.csrf_token().await?
        ),
        None => format!(
            "<p>Not logged in. <a href=\"{}\">Log in</a></p>",
            url_for!(login_form)
        ),
    };
    Ok(Html(format!(
        "<!doctype html><title>Login demo</title>{flashes}{body}"
    )))
}
// ANCHOR_END: index

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

#[get("/login")]
async fn login_form(session: Session, Query(next): Query<Next>) -> Result<Html<String>> {
    let next = next.next.as_deref().and_then(safe_next).unwrap_or("/");
    Ok(Html(format!(
        "<!doctype html><title>Log in</title>{}<form method=\"post\"><input type=\"hidden\" name=\"csrf_token\" value=\"{}\"><input type=\"hidden\" name=\"next\" value=\"{}\"><input name=\"username\"><input name=\"password\" type=\"password\"><button>Log in</button></form>",
        flashes(&session).await?,
        session.csrf_token().await?,
        escape(next)
    )))
}

#[derive(Deserialize)]
struct Credentials {
    username: String,
    password: String,
    next: Option<String>,
}

// ANCHOR: login
#[post("/login")]
async fn login(session: Session, Form(form): Form<Credentials>) -> Result<Response> {
    if form.username.trim().is_empty() {
        session.flash_with("error", "Username is required.").await?;
        return Ok(redirect(url_for!(login_form)));
    }
    if form.password != DEMO_PASSWORD {
        session.flash_with("error", "Incorrect password.").await?;
        return Ok(redirect(url_for!(login_form)));
    }
    session.log_in(&form.username).await?;
    session
        .flash(format!("Welcome, {}!", form.username))
        .await?;
    let next = form.next.as_deref().and_then(safe_next).unwrap_or("/");
    Ok((
        StatusCode::SEE_OTHER,
        [(framework_core::http::header::LOCATION, next.to_owned())],
    )
        .into_response())
}
// ANCHOR_END: login

#[post("/logout")]
async fn logout(session: Session) -> Result<Response> {
    session.log_out().await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(framework_core::http::header::LOCATION, "/")],
    )
        .into_response())
}

#[get("/private")]
async fn private(LoginRequired(user): LoginRequired<Member>) -> String {
    format!("secret page of {}", user.name)
}

fn app() -> App {
    App::new().register(routes![index, login_form, login, logout, private])
}

// ANCHOR: main
fn main() -> std::process::ExitCode {
    Cli::new("example-login", app())
        .setup(|app, config| async move {
            let app = framework_sessions::install(app, &config).await?;
            Ok(tag_instance(app))
        })
        .main()
}
// ANCHOR_END: main
