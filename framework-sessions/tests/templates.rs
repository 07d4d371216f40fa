//! Pages rendered from askama templates with the implicit page context: flashed
//! messages, the CSRF token, the current user and the path; user data escaped.
#![forbid(unsafe_code)]

use askama::Template;
use framework_core::config::Config;
use framework_core::http::request::Parts;
use framework_core::prelude::*;
use framework_core::templates::{Page, render};
use framework_core::testing::TestClient;
use framework_sessions::{PageContext, Session, User};

#[derive(Clone)]
struct Member {
    name: String,
}

impl User for Member {
    type Id = String;

    async fn load(id: String, _parts: &mut Parts) -> Result<Option<Self>> {
        Ok(Some(Member { name: id }))
    }

    fn login_url() -> Url {
        Url::from_path("/login")
    }
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"<nav>{% if let Some(user) = ctx.user %}<span>{{ user.name }}</span>{% else %}anonymous{% endif %}</nav>
<p>at {{ ctx.path }}</p>
{% for f in ctx.flashes() %}<div class="flash {{ f.category }}">{{ f.message }}</div>
{% endfor %}<form><input type="hidden" name="csrf_token" value="{{ ctx.csrf_token }}"></form>
<p>{{ comment }}</p>"#
)]
struct Home {
    ctx: PageContext<Member>,
    comment: String,
}

#[get("/")]
async fn home(ctx: PageContext<Member>) -> Result<Html<String>> {
    render(&Home {
        ctx,
        comment: "<script>alert('x')</script>".into(),
    })
}

#[derive(Deserialize)]
struct Name {
    name: String,
}

#[get("/login")]
async fn login(session: Session, Query(q): Query<Name>) -> Result<&'static str> {
    session.log_in(q.name.clone()).await?;
    session
        .flash_with("info", format!("Welcome, {}!", q.name))
        .await?;
    Ok("ok")
}

struct Broken;

impl std::fmt::Display for Broken {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Err(std::fmt::Error)
    }
}

#[derive(Template)]
#[template(ext = "html", source = "{{ value }}")]
struct Fails {
    value: Broken,
}

#[get("/broken")]
async fn broken() -> Page<Fails> {
    Page(Fails { value: Broken })
}

/// Flask's pattern: flash an error, then render the page that shows it.
#[get("/form")]
async fn form(ctx: PageContext<Member>, session: Session) -> Result<Html<String>> {
    session.flash_with("error", "Title is required.").await?;
    render(&Home {
        ctx,
        comment: String::new(),
    })
}

/// Takes the page context but redirects instead of rendering it.
#[get("/away")]
async fn away(_ctx: PageContext<Member>) -> Response {
    redirect("/")
}

/// Renders, then flashes: the message is for the next page.
#[get("/late")]
async fn late(ctx: PageContext<Member>, session: Session) -> Result<Html<String>> {
    let page = render(&Home {
        ctx,
        comment: String::new(),
    })?;
    session.flash("Flashed after rendering.").await?;
    Ok(page)
}

#[errorhandler(500)]
async fn server_error(error: Error) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, format!("sorry: {error}"))
}

async fn client() -> TestClient {
    let config = Config::from_vars([("SECRET_KEY", "templates")]).unwrap();
    let app = App::new().register(routes![home, login, form, away, late, broken, server_error]);
    TestClient::new(framework_sessions::install(app, &config).await.unwrap())
}

#[tokio::test]
async fn pages_get_the_implicit_context_and_escape_user_data() {
    let client = client().await;
    let anonymous = client.get("/").await;
    assert_eq!(
        anonymous.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let body = anonymous.text();
    assert!(body.contains("<nav>anonymous</nav>"), "{body}");
    assert!(body.contains("<p>at /</p>"), "{body}");
    assert!(
        body.contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;"),
        "{body}"
    );
    assert!(!body.contains("<script>"), "{body}");

    client.get("/login?name=%3Cb%3Eferris").await;
    let body = client.get("/").await.text();
    assert!(body.contains("<span>&#60;b&#62;ferris</span>"), "{body}");
    assert!(
        body.contains("<div class=\"flash info\">Welcome, &#60;b&#62;ferris!</div>"),
        "{body}"
    );
    let token = body.split("name=\"csrf_token\" value=\"").nth(1).unwrap();
    let token = token.split('"').next().unwrap();
    assert_eq!(token.len(), 64, "{token}");
    // Shown once.
    assert!(!client.get("/").await.text().contains("Welcome"));
}

#[tokio::test]
async fn a_render_failure_goes_to_the_500_handler() {
    let client = client().await;
    let response = client.get("/broken").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let text = response.text();
    assert!(text.starts_with("sorry: template"), "{text}");
    assert!(text.contains("Fails"), "{text}");
}

#[tokio::test]
async fn a_message_flashed_before_rendering_is_on_that_page_and_only_there() {
    let client = client().await;
    let body = client.get("/form").await.text();
    assert!(
        body.contains("<div class=\"flash error\">Title is required.</div>"),
        "{body}"
    );
    let next = client.get("/").await.text();
    assert!(!next.contains("Title is required."), "{next}");
}

#[tokio::test]
async fn messages_stay_until_a_page_shows_them() {
    let client = client().await;
    client.get("/login?name=ferris").await;
    // The context was taken but never rendered: nothing was shown, nothing is gone.
    let redirect = client.get("/away").await;
    assert_eq!(redirect.status(), StatusCode::FOUND);
    let body = client.get("/").await.text();
    assert!(body.contains("Welcome, ferris!"), "{body}");

    // A message flashed after the page rendered waits for the next page.
    let late = client.get("/late").await.text();
    assert!(!late.contains("Flashed after rendering."), "{late}");
    let next = client.get("/").await.text();
    assert!(next.contains("Flashed after rendering."), "{next}");
    assert!(!client.get("/").await.text().contains("Flashed after"));
}
