//! The form shows errors with what was typed, stores valid input, flashes, and links.

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;

use super::app;

async fn client() -> TestClient {
    let config = Config::from_vars([("SECRET_KEY", "forms example")]).unwrap();
    TestClient::new(framework_sessions::install(app(), &config).await.unwrap())
}

fn token(page: &str) -> String {
    let (_, rest) = page.split_once("name=\"csrf_token\" value=\"").unwrap();
    rest.split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn invalid_input_comes_back_with_values_and_the_first_error() {
    let client = client().await;
    let page = client.get("/register").await.text();
    assert!(page.contains("<title>Join - Forms</title>"), "{page}");
    assert!(page.contains("href=\"/static/style.css\""), "{page}");
    let token = token(&page);
    let response = client
        .post("/register")
        .form(&[
            ("csrf_token", token.as_str()),
            ("name", "<b>x"),
            ("email", "nope"),
            ("age", "20"),
        ])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text();
    assert!(
        page.contains("<div class=\"flash error\">Enter a valid email address.</div>"),
        "{page}"
    );
    assert!(
        page.contains("value=\"&#60;b&#62;x\""),
        "escaped and kept: {page}"
    );
    assert!(page.contains("value=\"nope\""), "{page}");
}

#[tokio::test]
async fn valid_input_is_stored_flashed_and_redirected() {
    let client = client().await;
    let token = token(&client.get("/register").await.text());
    let response = client
        .post("/register")
        .form(&[
            ("csrf_token", token.as_str()),
            ("name", "Ferris"),
            ("email", "ferris@rust.org"),
            ("age", "9"),
        ])
        .await;
    assert!(response.text().contains("You must be 13 or older."));
    let response = client
        .post("/register")
        .form(&[
            ("csrf_token", token.as_str()),
            ("name", "Ferris"),
            ("email", "ferris@rust.org"),
            ("age", "13"),
        ])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.location(), Some("/"));
    let page = client.get("/").await.text();
    assert!(
        page.contains("<div class=\"flash message\">Welcome, Ferris!</div>"),
        "{page}"
    );
    assert!(page.contains("<li>Ferris</li>"), "{page}");
    assert!(
        !client.get("/").await.text().contains("Welcome"),
        "flashed once"
    );
}

#[tokio::test]
async fn the_stylesheet_is_served() {
    let client = client().await;
    let css = client.get("/static/style.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(css.header("etag").is_some() || css.header("last-modified").is_some());
}
