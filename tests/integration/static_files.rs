//! The static folder: content types, ETag / Last-Modified and 304s, HEAD, 404 and
//! 405 through the app's error handling, and no path traversal.

use std::path::PathBuf;

use framework_core::prelude::*;
use framework_core::testing::TestClient;

/// A folder `root/static` with a few files, and `root/secret.txt` beside it.
fn site(test: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("fw-static-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("static/js")).unwrap();
    std::fs::write(root.join("static/style.css"), "body { color: red }").unwrap();
    std::fs::write(root.join("static/js/app.js"), "console.log(1)").unwrap();
    std::fs::write(root.join("static/logo.png"), [0x89, b'P', b'N', b'G']).unwrap();
    std::fs::write(root.join("static/my file.txt"), "spaces").unwrap();
    std::fs::write(root.join("secret.txt"), "TOP SECRET").unwrap();
    root
}

#[errorhandler(404)]
async fn not_found(uri: http::Uri) -> (StatusCode, String) {
    (
        StatusCode::NOT_FOUND,
        format!("no such page: {}", uri.path()),
    )
}

fn client(root: &std::path::Path) -> TestClient {
    TestClient::new(
        App::new()
            .register(routes![not_found])
            .static_folder(root.join("static")),
    )
}

#[tokio::test]
async fn files_are_served_with_their_content_type() {
    let root = site("types");
    let c = client(&root);
    let res = c.get("/static/style.css").send().await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "body { color: red }");
    assert_eq!(res.header("content-type"), Some("text/css; charset=utf-8"));
    let res = c.get("/static/js/app.js").send().await;
    assert_eq!(
        res.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let res = c.get("/static/logo.png").send().await;
    assert_eq!(res.header("content-type"), Some("image/png"));
    assert_eq!(res.bytes().as_ref(), [0x89, b'P', b'N', b'G']);
    let res = c.get("/static/my%20file.txt").send().await;
    assert_eq!(res.text(), "spaces");
    let res = c.head("/static/style.css").send().await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "");
    assert_eq!(res.header("content-length"), Some("19"));
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn validators_and_conditional_get() {
    let root = site("conditional");
    let c = client(&root);
    let res = c.get("/static/style.css").send().await;
    let etag = res.header("etag").expect("an ETag").to_owned();
    let modified = res
        .header("last-modified")
        .expect("a Last-Modified")
        .to_owned();

    let res = c
        .get("/static/style.css")
        .header("if-none-match", &etag)
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(res.text(), "");

    let res = c
        .get("/static/style.css")
        .header("if-modified-since", &modified)
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);

    let res = c
        .get("/static/style.css")
        .header("if-none-match", "\"something-else\"")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let res = c
        .get("/static/style.css")
        .header("range", "bytes=0-3")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.text(), "body");
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn nothing_outside_the_folder_is_served() {
    let root = site("traversal");
    let c = client(&root);
    for path in [
        "/static/../secret.txt",
        "/static/js/../../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/%2E%2E/secret.txt",
        "/static/..%2fsecret.txt",
        "/static/%2e%2e%2fsecret.txt",
        "/static/..%5csecret.txt",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        &format!("/static/{}", root.join("secret.txt").display()),
        &format!("/static//{}", root.join("secret.txt").display()),
    ] {
        let res = c.get(path).send().await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!res.text().contains("TOP SECRET"), "{path}");
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn missing_files_and_folders_are_the_apps_404() {
    let root = site("missing");
    let c = client(&root);
    let res = c.get("/static/nope.css").send().await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.text(), "no such page: /static/nope.css");
    assert_eq!(
        c.get("/static/js").send().await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get("/static/js/").send().await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get("/static").send().await.status(),
        StatusCode::NOT_FOUND
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn other_methods_are_405_with_allow() {
    let root = site("methods");
    let c = client(&root);
    let res = c.post("/static/style.css").send().await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("allow"), Some("GET, HEAD, OPTIONS"));
    let res = c.options("/static/style.css").send().await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.header("allow"), Some("GET, HEAD, OPTIONS"));

    let c = TestClient::new(
        App::new()
            .static_folder(root.join("static"))
            .provide_automatic_options(false),
    );
    let res = c.options("/static/style.css").send().await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("allow"), Some("GET, HEAD"));
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn the_url_path_can_change() {
    let root = site("url-path");
    let app = App::new()
        .static_folder(root.join("static"))
        .static_url_path("/assets/");
    assert_eq!(
        app.static_files().unwrap().url("js/app.js"),
        "/assets/js/app.js"
    );
    let c = TestClient::new(app);
    assert_eq!(
        c.get("/assets/style.css").send().await.status(),
        StatusCode::OK
    );
    assert_eq!(
        c.get("/static/style.css").send().await.status(),
        StatusCode::NOT_FOUND
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn routes_and_static_files_live_side_by_side() {
    #[get("/")]
    async fn index() -> &'static str {
        "index"
    }
    let root = site("side-by-side");
    let c = TestClient::new(
        App::new()
            .register(routes![index])
            .static_folder(root.join("static")),
    );
    assert_eq!(c.get("/").send().await.text(), "index");
    assert_eq!(
        c.get("/static/style.css").send().await.status(),
        StatusCode::OK
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn at_the_root_files_answer_what_no_route_does() {
    #[get("/")]
    async fn index() -> &'static str {
        "index"
    }
    let root = site("root");
    let app = App::new()
        .register(routes![index, not_found])
        .static_folder(root.join("static"))
        .static_url_path("");
    assert_eq!(app.static_files().unwrap().url("style.css"), "/style.css");
    let c = TestClient::new(app);
    assert_eq!(c.get("/").send().await.text(), "index");
    assert_eq!(
        c.get("/style.css").send().await.text(),
        "body { color: red }"
    );
    assert_eq!(c.get("/js/app.js").send().await.status(), StatusCode::OK);
    let missing = c.get("/nope.css").send().await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.text(), "no such page: /nope.css");
    let posted = c.post("/style.css").send().await;
    assert_eq!(posted.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        c.get("/../secret.txt").send().await.status(),
        StatusCode::NOT_FOUND
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn the_url_path_is_named_like_the_folder() {
    let root = site("named");
    std::fs::create_dir_all(root.join("assets")).unwrap();
    std::fs::write(root.join("assets/a.txt"), "a").unwrap();
    let app = App::new().static_folder(root.join("assets"));
    assert_eq!(app.static_files().unwrap().url("a.txt"), "/assets/a.txt");
    let c = TestClient::new(app);
    assert_eq!(c.get("/assets/a.txt").send().await.text(), "a");
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn files_are_revalidated_unless_a_max_age_is_set() {
    let root = site("max-age");
    let res = client(&root).get("/static/style.css").send().await;
    assert_eq!(res.header("cache-control"), Some("no-cache"));
    assert_eq!(res.header("expires"), None);

    let config =
        framework_core::config::Config::from_vars([("SEND_FILE_MAX_AGE_DEFAULT", "3600")]).unwrap();
    let app = App::new()
        .static_folder(root.join("static"))
        .configure(&config)
        .unwrap();
    let res = TestClient::new(app).get("/static/style.css").send().await;
    assert_eq!(res.header("cache-control"), Some("public, max-age=3600"));
    let expires = httpdate::parse_http_date(res.header("expires").unwrap()).unwrap();
    let ahead = expires
        .duration_since(std::time::SystemTime::now())
        .unwrap();
    assert!(
        ahead.as_secs() > 3500 && ahead.as_secs() <= 3600,
        "{ahead:?}"
    );

    let bad = framework_core::config::Config::from_vars([("SEND_FILE_MAX_AGE_DEFAULT", "an hour")])
        .unwrap();
    let error = App::new().configure(&bad).unwrap_err().to_string();
    assert!(error.contains("SEND_FILE_MAX_AGE_DEFAULT"), "{error}");
    let _ = std::fs::remove_dir_all(&root);
}
