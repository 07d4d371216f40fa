//! A blueprint's own static folder (Flask's `Blueprint(static_folder=..,
//! static_url_path=..)`): served under the blueprint's prefix, with the app's
//! `SEND_FILE_MAX_AGE_DEFAULT`, its URLs from the blueprint.

use std::path::PathBuf;

use framework_core::prelude::*;
use framework_core::testing::TestClient;

/// A folder `root/static` with one stylesheet.
fn folder(test: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("fw-bp-static-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("static/css")).unwrap();
    std::fs::write(root.join("static/test.txt"), "Admin File").unwrap();
    std::fs::write(root.join("static/css/test.css"), "/* nested file */").unwrap();
    root
}

#[blueprint(prefix = "/admin")]
mod admin {
    use framework_core::prelude::*;

    #[get("/")]
    async fn index() -> &'static str {
        "Hello from the Admin"
    }

    #[after_request]
    async fn mark(mut response: Response) -> Response {
        response
            .headers_mut()
            .insert("x-admin", http::HeaderValue::from_static("yes"));
        response
    }
}

// Flask: test_templates_and_static (its static part)
#[tokio::test]
async fn a_blueprints_static_folder_is_served_under_its_prefix() {
    let root = folder("served");
    let bp = admin::blueprint().static_folder(root.join("static"));
    let client = TestClient::new(App::new().blueprint(bp));
    assert_eq!(client.get("/admin/").await.text(), "Hello from the Admin");
    let file = client.get("/admin/static/test.txt").await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.text(), "Admin File");
    // The blueprint's hooks run for its files, as for its routes.
    assert_eq!(file.header("x-admin"), Some("yes"));
    let css = client.get("/admin/static/css/test.css").await;
    assert_eq!(css.text(), "/* nested file */");
    assert_eq!(
        client.get("/admin/static/missing.txt").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn its_url_path_is_under_the_prefix_and_its_urls_come_from_the_blueprint() {
    let root = folder("url_path");
    let bp = admin::blueprint()
        .static_folder(root.join("static"))
        .static_url_path("/files");
    let files = bp.static_files().unwrap();
    assert_eq!(files.url("css/test.css"), "/admin/files/css/test.css");
    let client = TestClient::new(App::new().blueprint(bp));
    assert_eq!(
        client.get("/admin/files/test.txt").await.text(),
        "Admin File"
    );
    assert_eq!(
        client.get("/admin/static/test.txt").await.status(),
        StatusCode::NOT_FOUND
    );
}

// Flask: test_default_static_max_age
#[tokio::test]
async fn the_apps_max_age_applies_to_a_blueprints_files() {
    let root = folder("max_age");
    let bp = admin::blueprint().static_folder(root.join("static"));
    let client = TestClient::new(App::new().blueprint(bp.clone()));
    let file = client.get("/admin/static/test.txt").await;
    assert_eq!(file.header("cache-control"), Some("no-cache"));
    let app = App::new()
        .blueprint(bp)
        .send_file_max_age(std::time::Duration::from_secs(100));
    let file = TestClient::new(app).get("/admin/static/test.txt").await;
    assert_eq!(file.header("cache-control"), Some("public, max-age=100"));
}

#[tokio::test]
async fn a_copy_serves_the_folder_under_its_own_prefix() {
    let root = folder("copy");
    let copy = admin::blueprint()
        .static_folder(root.join("static"))
        .renamed("admin2", "/admin2");
    assert_eq!(
        copy.static_files().unwrap().url("test.txt"),
        "/admin2/static/test.txt"
    );
    let client = TestClient::new(App::new().blueprint(copy));
    assert_eq!(
        client.get("/admin2/static/test.txt").await.text(),
        "Admin File"
    );
}
