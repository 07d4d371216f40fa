//! Response helpers: JSON, the 303 redirect after a POST, `send_file` with a download
//! name, `send_from_directory`, streaming bodies and server-sent events.

use std::convert::Infallible;
use std::path::PathBuf;

use framework_core::prelude::*;
use framework_core::response::sse::{Event, Sse};
use framework_core::response::{StreamBody, send_from_directory};
use framework_core::testing::TestClient;
use futures_util::Stream;

#[derive(Serialize)]
struct Post {
    id: u32,
    title: &'static str,
}

#[get("/api/post")]
async fn post_json() -> Json<Post> {
    Json(Post {
        id: 1,
        title: "Hello",
    })
}

#[post("/posts")]
async fn create_post() -> Response {
    redirect_see_other("/posts")
}

#[get("/posts")]
async fn list_posts() -> &'static str {
    "all posts"
}

/// `public/report.csv` and `secret.txt` beside `public/`, written once per run.
fn files() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("fw-files-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("public")).unwrap();
        std::fs::write(dir.join("public/report.csv"), "a,b\n1,2\n").unwrap();
        std::fs::write(dir.join("secret.txt"), "TOP SECRET").unwrap();
        dir
    })
    .clone()
}

#[get("/report")]
async fn report() -> Result<Response> {
    send_file(files().join("public/report.csv"))
        .download_name("Q3 résumé €.csv")
        .await
}

#[get("/inline")]
async fn inline() -> Result<Response> {
    send_file(files().join("public/report.csv")).await
}

#[get("/missing")]
async fn missing() -> Result<Response> {
    send_file(files().join("public/nope.csv")).await
}

#[get("/public/<path:name>")]
async fn public(name: String) -> Result<Response> {
    send_from_directory(files().join("public"), &name).await
}

#[get("/export.csv")]
async fn export() -> StreamBody<impl futures_util::TryStream<Ok = String, Error = Infallible>> {
    let rows = (1..=3).map(|i| Ok(format!("{i},row {i}\n")));
    StreamBody::new(futures_util::stream::iter(rows)).content_type("text/csv; charset=utf-8")
}

#[get("/events")]
async fn events() -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let ticks = (1..=2).map(|i| Ok(Event::default().event("tick").data(i.to_string())));
    Sse::new(futures_util::stream::iter(ticks))
}

fn client() -> TestClient {
    TestClient::new(App::new().register(routes![
        post_json,
        create_post,
        list_posts,
        report,
        inline,
        missing,
        public,
        export,
        events
    ]))
}

#[tokio::test]
async fn json_responses() {
    let res = client().get("/api/post").send().await;
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.text(), r#"{"id":1,"title":"Hello"}"#);
}

#[tokio::test]
async fn a_post_redirects_with_303_and_the_browser_gets() {
    let c = client();
    let res = c.post("/posts").send().await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.location(), Some("/posts"));
    let res = c.post("/posts").follow_redirects().send().await;
    assert_eq!(res.text(), "all posts");
}

#[tokio::test]
async fn send_file_with_a_download_name() {
    let res = client().get("/report").send().await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "a,b\n1,2\n");
    assert_eq!(res.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(res.header("content-length"), Some("8"));
    assert!(res.header("last-modified").is_some());
    // As werkzeug writes it: an ASCII fallback and the UTF-8 name.
    assert_eq!(
        res.header("content-disposition"),
        Some(
            "attachment; filename=\"Q3 resume .csv\"; filename*=UTF-8''Q3%20r%C3%A9sum%C3%A9%20%E2%82%AC.csv"
        )
    );
    let res = client().get("/inline").send().await;
    assert_eq!(
        res.header("content-disposition"),
        Some("inline; filename=\"report.csv\"")
    );
}

#[tokio::test]
async fn send_file_of_a_missing_file_is_404() {
    assert_eq!(
        client().get("/missing").send().await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn send_from_directory_stays_in_its_directory() {
    let c = client();
    assert_eq!(
        c.get("/public/report.csv").send().await.text(),
        "a,b\n1,2\n"
    );
    for path in [
        "/public/../secret.txt",
        "/public/%2e%2e/secret.txt",
        "/public/..%2fsecret.txt",
        "/public/%2fetc%2fpasswd",
        "/public/..%5csecret.txt",
    ] {
        let res = c.get(path).send().await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!res.text().contains("TOP SECRET"), "{path}");
    }
}

#[tokio::test]
async fn streaming_bodies() {
    let res = client().get("/export.csv").send().await;
    assert_eq!(res.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(res.text(), "1,row 1\n2,row 2\n3,row 3\n");
}

#[tokio::test]
async fn server_sent_events() {
    let res = client().get("/events").send().await;
    assert_eq!(res.header("content-type"), Some("text/event-stream"));
    assert_eq!(
        res.text(),
        "event: tick\ndata: 1\n\nevent: tick\ndata: 2\n\n"
    );
}
