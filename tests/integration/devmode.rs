//! Development mode: the debug error page (never in production; the app's 500
//! handler still wins), and the request log line's setting.

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::TestClient;

#[derive(Debug, thiserror::Error)]
#[error("no user named {0}")]
pub struct NoUser(String, #[source] std::io::Error);

#[get("/users/<name>")]
async fn user(name: String) -> Result<String> {
    Err(NoUser(name, std::io::Error::other("the users file is <missing>")).into())
}

#[get("/boom")]
async fn boom() -> &'static str {
    panic!("boom <b>")
}

#[get("/teapot")]
async fn teapot() -> Result<&'static str> {
    Err(abort(StatusCode::IM_A_TEAPOT))
}

#[errorhandler(500)]
async fn server_error() -> (StatusCode, &'static str) {
    (StatusCode::INTERNAL_SERVER_ERROR, "the app's own 500 page")
}

fn configured(app: App, vars: &[(&str, &str)]) -> TestClient {
    let config = Config::from_vars(vars.iter().copied()).unwrap();
    TestClient::new(app.configure(&config).unwrap())
}

fn plain_app() -> App {
    App::new().register(routes![user, boom, teapot])
}

/// `%3Cscript%3E` is `<script>`, which reaches the error's text decoded.
const XSS: &str = "/users/%3Cscript%3Ealert(1)%3C%2Fscript%3E";

#[tokio::test]
async fn development_shows_the_error_chain_and_the_route_escaped() {
    let client = configured(plain_app(), &[]);
    let response = client.get(XSS).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let page = response.text();
    assert!(
        page.contains("<li>no user named &lt;script&gt;alert(1)&lt;/script&gt;</li>"),
        "{page}"
    );
    assert!(
        page.contains("<li>the users file is &lt;missing&gt;</li>"),
        "{page}"
    );
    assert!(
        page.contains("route <code>/users/&lt;name&gt;</code>, endpoint <code>user</code>"),
        "{page}"
    );
    assert!(page.contains("<code>GET /users/%3Cscript%3E"), "{page}");
    assert!(!page.contains("<script>"), "{page}");
}

#[tokio::test]
async fn development_shows_a_panic_and_a_hook_chain_alike() {
    #[before_request]
    async fn nothing() {}

    let client = configured(plain_app().register(routes![nothing]), &[]);
    let page = client.get("/boom").await.text();
    assert!(
        page.contains("<li>handler panicked: boom &lt;b&gt;</li>"),
        "{page}"
    );
    assert!(page.contains("endpoint <code>boom</code>"), "{page}");
    // An HTTP error other than a 500 keeps its page.
    let teapot = client.get("/teapot").await;
    assert_eq!(teapot.status(), StatusCode::IM_A_TEAPOT);
    assert!(!teapot.text().contains("DEBUG"));
}

#[tokio::test]
async fn production_never_shows_the_debug_page() {
    let client = configured(plain_app(), &[("APP_ENV", "production")]);
    let page = client.get(XSS).await.text();
    assert!(page.contains("<h1>Internal Server Error</h1>"), "{page}");
    assert!(!page.contains("no user named"), "{page}");
    assert!(!page.contains("DEBUG"), "{page}");
    // Asked for in code, it is still refused in production.
    let config = Config::from_vars([("APP_ENV", "production")]).unwrap();
    let app = plain_app()
        .debug(true)
        .configure(&config)
        .unwrap()
        .debug(true);
    let page = TestClient::new(app).get("/boom").await.text();
    assert!(!page.contains("boom"), "{page}");
}

#[test]
fn debug_on_in_production_is_a_configuration_error() {
    let config = Config::from_vars([("APP_ENV", "production"), ("DEBUG", "true")]).unwrap();
    let error = App::new().configure(&config).unwrap_err().to_string();
    assert!(error.contains("DEBUG"), "{error}");
    assert!(error.contains("APP_ENV=production"), "{error}");
}

#[tokio::test]
async fn debug_false_and_an_unconfigured_app_show_the_plain_page() {
    let off = configured(plain_app(), &[("DEBUG", "false")]);
    assert!(!off.get("/boom").await.text().contains("boom"));
    let unconfigured = TestClient::new(plain_app());
    assert!(!unconfigured.get("/boom").await.text().contains("boom"));
}

#[tokio::test]
async fn the_apps_500_handler_wins_in_both_modes() {
    for env in ["development", "production"] {
        let client = configured(
            plain_app().register(routes![server_error]),
            &[("APP_ENV", env)],
        );
        for path in [XSS, "/boom"] {
            let response = client.get(path).await;
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(response.text(), "the app's own 500 page", "{env} {path}");
        }
    }
}

#[test]
fn log_requests_must_be_a_boolean() {
    let config = Config::from_vars([("LOG_REQUESTS", "sometimes")]).unwrap();
    let error = App::new().configure(&config).unwrap_err().to_string();
    assert!(error.contains("LOG_REQUESTS"), "{error}");
}
