//! Whole requests through an app with sessions, CSRF, path parameters, validated
//! query and form input, JSON and uploads: whatever the method, target, cookie, content
//! type and body, the answer is never a 5xx (a client's mistake is a 4xx) and nothing
//! panics.
//!
//! The input is split at NUL bytes: a byte choosing the method, the target
//! (`/path?query`), the `Cookie` header, a byte choosing the content type, the body.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::OnceLock;

use framework_core::axum::Router;
use framework_core::axum::body::Body;
use framework_core::config::Config;
use framework_core::http::{Method, Request};
use framework_core::input::Multipart;
use framework_core::prelude::*;
use framework_sessions::{CsrfLayer, Session};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

#[derive(Debug, Deserialize, Validate)]
struct Search {
    #[validate(length(min = 1, max = 50))]
    q: String,
    #[validate(range(min = 1, max = 100))]
    per_page: Option<u32>,
}

#[get("/search")]
async fn search(ValidQuery(search): ValidQuery<Search>) -> String {
    format!("{} x{}", search.q, search.per_page.unwrap_or(10))
}

#[derive(Debug, Deserialize, Serialize, Validate)]
struct Note {
    #[validate(length(min = 1, max = 100))]
    title: String,
    #[validate(range(min = 0, max = 5))]
    stars: Option<u8>,
}

#[post("/notes")]
async fn create_note(session: Session, ValidForm(note): ValidForm<Note>) -> Result<String> {
    session.flash(format!("saved {}", note.title)).await?;
    Ok(note.title)
}

#[post("/api/notes")]
async fn api_note(ValidJson(note): ValidJson<Note>) -> String {
    note.title
}

#[get("/notes/<id>")]
async fn note(id: i64) -> String {
    format!("note {id}")
}

#[get("/files/<path:rest>")]
async fn files(rest: String) -> String {
    rest
}

#[post("/upload")]
async fn upload(form: Multipart) -> Result<String> {
    let mut form = form.max_file_size(1000).max_field_size(100);
    let mut names = Vec::new();
    while let Some(field) = form.next_field().await? {
        names.push(field.safe_file_name().unwrap_or_default());
        let _ = field.bytes().await?;
    }
    Ok(names.join(","))
}

#[get("/")]
async fn index(session: Session) -> Result<String> {
    let seen: u32 = session.get("seen").await?.unwrap_or(0);
    session.insert("seen", seen.saturating_add(1)).await?;
    let flashes = session.flashed_messages().await?;
    Ok(format!("{seen} {}", flashes.len()))
}

struct Fixture {
    runtime: tokio::runtime::Runtime,
    router: Router,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a current-thread runtime");
        let config = Config::from_vars([("SECRET_KEY", "fuzzing secret key, long enough")])
            .expect("the fuzzing configuration");
        let app = App::new()
            .register(routes![search, create_note, api_note, note, files, upload, index])
            .max_content_length(64 * 1024);
        let app = runtime
            .block_on(framework_sessions::install_with(
                app,
                &config,
                CsrfLayer::new().exempt("/api/").exempt("/upload"),
            ))
            .expect("sessions install");
        let router = app.into_router().expect("the fuzzing app builds");
        Fixture { runtime, router }
    })
}

const METHODS: [Method; 7] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::HEAD,
    Method::OPTIONS,
    Method::PATCH,
];

const CONTENT_TYPES: [&str; 5] = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=XyZzY",
    "application/json",
    "text/plain",
    "",
];

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(5, |b| *b == 0);
    let method = parts.next().and_then(|p| p.first()).copied().unwrap_or(0);
    let target = parts.next().unwrap_or_default();
    let cookie = parts.next().unwrap_or_default();
    let kind = parts.next().and_then(|p| p.first()).copied().unwrap_or(0);
    let body = parts.next().unwrap_or_default();

    let method = METHODS[usize::from(method) % METHODS.len()].clone();
    let content_type = CONTENT_TYPES[usize::from(kind) % CONTENT_TYPES.len()];
    let mut request = Request::builder()
        .method(method.clone())
        .uri(target)
        .header("host", "localhost");
    if !cookie.is_empty() {
        request = request.header("cookie", cookie);
    }
    if !content_type.is_empty() {
        request = request.header("content-type", content_type);
    }
    // A target or header hyper itself would refuse never reaches an app.
    let Ok(request) = request.body(Body::from(body.to_vec())) else {
        return;
    };
    let uri = request.uri().clone();
    let fixture = fixture();
    let response = fixture
        .runtime
        .block_on(fixture.router.clone().oneshot(request))
        .expect("a router never fails");
    let status = response.status();
    assert!(
        !status.is_server_error(),
        "{method} {uri} (cookie {:?}, {content_type:?}, body {:?}) answered {status}",
        String::from_utf8_lossy(cookie),
        String::from_utf8_lossy(body)
    );
});
