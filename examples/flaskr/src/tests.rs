//! Flask's tutorial tests (`tests/test_auth.py`, `tests/test_blog.py`), ported, plus
//! the behaviour the port promises besides: CSRF on every form, 405/404/400, escaping,
//! cookies that do not verify. The tests of the data (register, log in, the index,
//! authorship, create, update, delete, `init-db`) also run on PostgreSQL.

use std::path::PathBuf;

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_core::testing::{TestClient, TestResponse};
use framework_db::{Backend, Database, DbSettings};

use crate::db::init_db;

/// The tutorial's `tests/data.sql`: users `test` (password `test`) and `other`
/// (password `other`), with Werkzeug pbkdf2 hashes, and one post by `test`.
const DATA: &str = r#"
INSERT INTO "user" (username, password) VALUES
  ('test', 'pbkdf2:sha256:50000$TCI4GzcX$0de171a4f4dac32e3364c7ddc7c14f3e2fa61f2d17574483f7ffbb431b4acb2f'),
  ('other', 'pbkdf2:sha256:50000$kJPKsz6N$d2d4784f1b030a9761f5ccaeeaca413f27f2ecb76d6168407af962ddce849f79');
INSERT INTO post (title, body, author_id, created) VALUES
  ('test title', 'test' || NEWLINE || 'body', 1, '2018-01-01 00:00:00');
"#;

struct Flaskr {
    client: TestClient,
    database: Database,
    /// The SQLite file's folder, removed at the end.
    dir: Option<PathBuf>,
}

impl Drop for Flaskr {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

async fn flaskr(name: &str) -> Flaskr {
    flaskr_on(name, Backend::Sqlite).await
}

/// A fresh database of `backend` with the tutorial's data, and a client of the app on
/// it. PostgreSQL is the throwaway server of `cargo xtask test` (`POSTGRES_URL`).
async fn flaskr_on(name: &str, backend: Backend) -> Flaskr {
    flaskr_configured(name, backend, &[]).await
}

/// [`flaskr_on`] with more settings (`OIDC_*`).
async fn flaskr_configured(name: &str, backend: Backend, settings: &[(&str, &str)]) -> Flaskr {
    let (url, dir) = match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("flaskr-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            (
                format!("sqlite://{}/flaskr.sqlite", dir.display()),
                Some(dir),
            )
        }
        Backend::Postgres => (fresh_postgres(name).await, None),
    };
    let database = Database::connect(&DbSettings::for_url(url)).await.unwrap();
    init_db(&database).await.unwrap();
    let newline = match backend {
        Backend::Sqlite => "char(10)",
        Backend::Postgres => "chr(10)",
    };
    execute(&database, &DATA.replace("NEWLINE", newline)).await;
    let mut vars = vec![("SECRET_KEY", "flaskr tests")];
    vars.extend_from_slice(settings);
    let config = Config::from_vars(vars).unwrap();
    let app = framework_db::install(crate::app(), database.clone());
    let app = match crate::oidc::from_config(&config).unwrap() {
        Some(oidc) => app.extension(oidc),
        None => app,
    };
    let app = framework_sessions::install(app, &config).await.unwrap();
    Flaskr {
        client: TestClient::new(app),
        database,
        dir,
    }
}

/// A new database on the PostgreSQL server, named after the test.
async fn fresh_postgres(name: &str) -> String {
    use sqlx::Connection;

    let admin = std::env::var("POSTGRES_URL")
        .expect("POSTGRES_URL is not set: run the PostgreSQL tests via cargo xtask test");
    let name = format!("flaskr_{}", name.replace('-', "_"));
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    for sql in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("CREATE DATABASE {name}"),
    ] {
        sqlx::raw_sql(&sql).execute(&mut conn).await.unwrap();
    }
    let (server, _) = admin.rsplit_once('/').unwrap();
    format!("{server}/{name}")
}

async fn execute(database: &Database, sql: &str) {
    database.execute(sql).await.unwrap();
}

fn token(page: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).expect("a form with a CSRF token") + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

impl Flaskr {
    /// POSTs a form as a browser would: with the token of the session's forms.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let form_page = if path.ends_with("/delete") { "/" } else { path };
        let page = self.client.get(form_page).await.text();
        let token = if page.contains("csrf_token") {
            token(&page)
        } else {
            // Pages without a form (the index): any form of the session has the token.
            token(&self.client.get("/auth/login").await.text())
        };
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.client.post(path).form(&all).await
    }

    async fn login(&self, username: &str, password: &str) -> TestResponse {
        self.post(
            "/auth/login",
            &[("username", username), ("password", password)],
        )
        .await
    }

    async fn count(&self, sql: &str) -> i64 {
        self.scalar(sql).await
    }

    /// The one value `sql` selects (unchecked SQL, fine for a test).
    async fn scalar<T>(&self, sql: &str) -> T
    where
        T: Send + Unpin,
        T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
        T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
    {
        match &self.database {
            Database::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
            Database::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        }
    }

    async fn execute(&self, sql: &str) {
        execute(&self.database, sql).await;
    }
}

#[tokio::test]
async fn hello() {
    let app = flaskr("hello").await;
    assert_eq!(app.client.get("/hello").await.text(), "Hello, World!");
}

#[tokio::test]
async fn register() {
    register_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn register_on_postgres() {
    register_on(Backend::Postgres).await;
}

async fn register_on(backend: Backend) {
    let app = flaskr_on("register", backend).await;
    assert_eq!(
        app.client.get("/auth/register").await.status(),
        StatusCode::OK
    );
    let response = app
        .post("/auth/register", &[("username", "a"), ("password", "a")])
        .await;
    assert_eq!(response.location(), Some("/auth/login"));
    assert_eq!(
        app.count(r#"SELECT COUNT(*) FROM "user" WHERE username = 'a'"#)
            .await,
        1
    );
    let hash: String = app
        .scalar(r#"SELECT password FROM "user" WHERE username = 'a'"#)
        .await;
    assert!(hash.starts_with("scrypt:32768:8:1$"), "{hash}");
}

#[tokio::test]
async fn register_validates_input() {
    let app = flaskr("register-validate").await;
    for (username, password, message) in [
        ("", "", "Username is required."),
        ("a", "", "Password is required."),
        ("test", "test", "User test is already registered."),
    ] {
        let response = app
            .post(
                "/auth/register",
                &[("username", username), ("password", password)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let page = response.text();
        assert!(
            page.contains(&format!("<div class=\"flash\">{message}</div>")),
            "{page}"
        );
        assert!(
            page.contains(&format!("value=\"{username}\"")),
            "re-filled: {page}"
        );
    }
}

#[tokio::test]
async fn login_and_logout() {
    login_and_logout_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn login_and_logout_on_postgres() {
    login_and_logout_on(Backend::Postgres).await;
}

async fn login_and_logout_on(backend: Backend) {
    let app = flaskr_on("login", backend).await;
    assert_eq!(app.client.get("/auth/login").await.status(), StatusCode::OK);
    let before = app.client.cookie("session");
    let response = app.login("test", "test").await;
    assert_eq!(response.location(), Some("/"));
    assert_ne!(
        app.client.cookie("session"),
        before,
        "a new session at login"
    );
    let page = app.client.get("/").await.text();
    assert!(page.contains("<span>test</span>"), "{page}");
    assert!(page.contains("href=\"/auth/logout\">Log Out"), "{page}");

    let response = app.client.get("/auth/logout").await;
    assert_eq!(response.location(), Some("/"));
    let page = app.client.get("/").await.text();
    assert!(
        page.contains("Log In") && page.contains("Register"),
        "{page}"
    );
}

#[tokio::test]
async fn login_validates_input() {
    let app = flaskr("login-validate").await;
    for (username, password, message) in [
        ("a", "test", "Incorrect username."),
        ("test", "a", "Incorrect password."),
    ] {
        let page = app.login(username, password).await.text();
        assert!(
            page.contains(&format!("<div class=\"flash\">{message}</div>")),
            "{page}"
        );
    }
}

/// Password guessing is slowed down: ten login attempts at once per client, then
/// one every six seconds; past that a 429 with `Retry-After`. The login form itself
/// is not counted. (Each attempt checks a password hash, which takes a moment: the
/// loop allows for a cell coming back while it runs.)
#[tokio::test]
async fn login_attempts_are_rate_limited() {
    let app = flaskr("login-rate-limit").await;
    let mut allowed = 0;
    let limited = loop {
        let res = app.login("test", "wrong").await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            break res;
        }
        assert!(res.text().contains("Incorrect password."), "{}", res.text());
        allowed += 1;
        assert!(allowed < 20, "no limit after {allowed} attempts");
    };
    assert!(allowed >= 10, "limited after {allowed} attempts");
    let seconds: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=6).contains(&seconds), "Retry-After {seconds}");
    assert_eq!(app.client.get("/auth/login").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn index_shows_posts_and_edit_links_to_the_author() {
    index_shows_posts_and_edit_links_to_the_author_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn index_shows_posts_and_edit_links_to_the_author_on_postgres() {
    index_shows_posts_and_edit_links_to_the_author_on(Backend::Postgres).await;
}

async fn index_shows_posts_and_edit_links_to_the_author_on(backend: Backend) {
    let app = flaskr_on("index", backend).await;
    let page = app.client.get("/").await.text();
    assert!(page.contains("<title>Posts - Flaskr</title>"), "{page}");
    assert!(page.contains("Log In") && page.contains("Register"));
    assert!(
        !page.contains("href=\"/create\""),
        "no New link for visitors"
    );
    assert!(page.contains("<h1>test title</h1>"), "{page}");

    app.login("test", "test").await;
    let page = app.client.get("/").await.text();
    assert!(page.contains("Log Out"));
    assert!(page.contains("by test on 2018-01-01"), "{page}");
    assert!(page.contains("<p class=\"body\">test\nbody</p>"), "{page}");
    assert!(page.contains("href=\"/1/update\""), "{page}");
    assert!(page.contains("href=\"/create\">New"), "{page}");
}

#[tokio::test]
async fn login_is_required() {
    let app = flaskr("login-required").await;
    // As a browser posts them: with the session's CSRF token (the visitor has one
    // from any page with a form).
    for path in ["/create", "/1/update", "/1/delete"] {
        let response = app.post(path, &[("title", "t"), ("body", "b")]).await;
        assert_eq!(response.location(), Some("/auth/login"), "{path}");
    }
    assert_eq!(
        app.client.get("/create").await.location(),
        Some("/auth/login")
    );
}

#[tokio::test]
async fn only_the_author_may_edit() {
    only_the_author_may_edit_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn only_the_author_may_edit_on_postgres() {
    only_the_author_may_edit_on(Backend::Postgres).await;
}

async fn only_the_author_may_edit_on(backend: Backend) {
    let app = flaskr_on("author", backend).await;
    app.execute("UPDATE post SET author_id = 2 WHERE id = 1")
        .await;
    app.login("test", "test").await;
    // The current user cannot change another user's post.
    assert_eq!(
        app.post("/1/update", &[("title", "x"), ("body", "")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.client.get("/1/update").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post("/1/delete", &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    // The current user does not see the edit link.
    assert!(
        !app.client
            .get("/")
            .await
            .text()
            .contains("href=\"/1/update\"")
    );
}

#[tokio::test]
async fn the_post_must_exist() {
    let app = flaskr("exists").await;
    app.login("test", "test").await;
    let response = app.client.get("/2/update").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response.text().contains("Post id 2 doesn&#39;t exist."),
        "{}",
        response.text()
    );
    assert_eq!(
        app.post("/2/delete", &[]).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn create() {
    create_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn create_on_postgres() {
    create_on(Backend::Postgres).await;
}

async fn create_on(backend: Backend) {
    let app = flaskr_on("create", backend).await;
    app.login("test", "test").await;
    let page = app.client.get("/create").await.text();
    assert!(page.contains("<title>New Post - Flaskr</title>"), "{page}");
    let response = app
        .post("/create", &[("title", "created"), ("body", "")])
        .await;
    assert_eq!(response.location(), Some("/"));
    assert_eq!(app.count("SELECT COUNT(id) FROM post").await, 2);
}

#[tokio::test]
async fn update() {
    update_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn update_on_postgres() {
    update_on(Backend::Postgres).await;
}

async fn update_on(backend: Backend) {
    let app = flaskr_on("update", backend).await;
    app.login("test", "test").await;
    let page = app.client.get("/1/update").await.text();
    assert!(
        page.contains("<title>Edit \"test title\" - Flaskr</title>"),
        "{page}"
    );
    let response = app
        .post("/1/update", &[("title", "updated"), ("body", "")])
        .await;
    assert_eq!(response.location(), Some("/"));
    let title: String = app.scalar("SELECT title FROM post WHERE id = 1").await;
    assert_eq!(title, "updated");
}

#[tokio::test]
async fn create_and_update_validate_the_title() {
    let app = flaskr("validate").await;
    app.login("test", "test").await;
    for path in ["/create", "/1/update"] {
        let response = app.post(path, &[("title", ""), ("body", "kept")]).await;
        assert_eq!(response.status(), StatusCode::OK);
        let page = response.text();
        assert!(
            page.contains("<div class=\"flash\">Title is required.</div>"),
            "{page}"
        );
        assert!(page.contains(">kept</textarea>"), "re-filled: {page}");
    }
}

#[tokio::test]
async fn delete() {
    delete_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn delete_on_postgres() {
    delete_on(Backend::Postgres).await;
}

async fn delete_on(backend: Backend) {
    let app = flaskr_on("delete", backend).await;
    app.login("test", "test").await;
    let response = app.post("/1/delete", &[]).await;
    assert_eq!(response.location(), Some("/"));
    assert_eq!(app.count("SELECT COUNT(id) FROM post").await, 0);
}

#[tokio::test]
async fn methods_paths_and_missing_fields() {
    let app = flaskr("http").await;
    let response = app.client.get("/1/delete").await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.header("allow"), Some("POST, OPTIONS"));
    assert_eq!(
        app.client.get("/nowhere").await.status(),
        StatusCode::NOT_FOUND
    );
    app.login("test", "test").await;
    let missing = app.post("/create", &[("title", "no body field")]).await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn forms_need_their_csrf_token() {
    let app = flaskr("csrf").await;
    app.login("test", "test").await;
    let forged = app
        .client
        .post("/create")
        .form(&[("title", "x"), ("body", "y")])
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    // One token for the whole session: a token from another page is accepted.
    let token = token(&app.client.get("/1/update").await.text());
    let response = app
        .client
        .post("/create")
        .form(&[
            ("csrf_token", token.as_str()),
            ("title", "x"),
            ("body", "y"),
        ])
        .await;
    assert_eq!(response.location(), Some("/"));
}

#[tokio::test]
async fn user_data_is_escaped() {
    let app = flaskr("escape").await;
    app.login("test", "test").await;
    app.post(
        "/create",
        &[("title", "<script>alert(1)</script>"), ("body", "<b>b</b>")],
    )
    .await;
    let page = app.client.get("/").await.text();
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "{page}"
    );
}

#[tokio::test]
async fn an_edited_or_foreign_cookie_logs_the_visitor_out() {
    let app = flaskr("cookie").await;
    app.login("test", "test").await;
    let cookie = app.client.cookie("session").unwrap();
    let mut edited = cookie.clone();
    let last = edited.pop().unwrap();
    edited.push(if last == 'A' { 'B' } else { 'A' });
    app.client.set_cookie("session", &edited);
    assert!(app.client.get("/").await.text().contains("Log In"));
    let foreign =
        framework_sessions::KeyRing::new("another key", []).sign("session", &cookie[43..]);
    app.client.set_cookie("session", &foreign);
    assert!(app.client.get("/").await.text().contains("Log In"));
}

#[tokio::test]
async fn the_stylesheet_is_served() {
    let app = flaskr("static").await;
    let css = app.client.get("/static/style.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.text().contains("white-space: pre-line"));
}

#[tokio::test]
async fn checks_run_in_flasks_order() {
    let app = flaskr("order").await;
    app.login("test", "test").await;
    // A missing field on a post that does not exist: the 404 comes first.
    let missing_post = app.post("/2/update", &[("title", "no body")]).await;
    assert_eq!(missing_post.status(), StatusCode::NOT_FOUND);
    // On someone else's post: the 403 comes first.
    app.execute("UPDATE post SET author_id = 2 WHERE id = 1")
        .await;
    let not_yours = app.post("/1/update", &[("title", "no body")]).await;
    assert_eq!(not_yours.status(), StatusCode::FORBIDDEN);
    // On one's own post, the form is checked: a missing field is a 400.
    app.execute("UPDATE post SET author_id = 1 WHERE id = 1")
        .await;
    let bad_form = app.post("/1/update", &[("title", "no body")]).await;
    assert_eq!(bad_form.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn init_db_clears_a_database_with_posts() {
    init_db_clears_a_database_with_posts_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn init_db_clears_a_database_with_posts_on_postgres() {
    init_db_clears_a_database_with_posts_on(Backend::Postgres).await;
}

async fn init_db_clears_a_database_with_posts_on(backend: Backend) {
    let app = flaskr_on("init-db", backend).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM post").await, 1);
    // Twice, as a person would: the posts refer to the users, and that must not stop it.
    for _ in 0..2 {
        init_db(&app.database).await.unwrap();
        assert_eq!(app.count("SELECT COUNT(*) FROM post").await, 0);
        assert_eq!(app.count(r#"SELECT COUNT(*) FROM "user""#).await, 0);
        execute(
            &app.database,
            r#"INSERT INTO "user" (username, password) VALUES ('a', 'x')"#,
        )
        .await;
        execute(
            &app.database,
            "INSERT INTO post (title, body, author_id) VALUES ('t', 'b', 1)",
        )
        .await;
    }
    // The app works on the new tables (ids start again at 1).
    let page = app.client.get("/").await.text();
    assert!(page.contains("<h1>t</h1>"), "{page}");
}

#[tokio::test]
async fn openid_connect_is_off_unless_configured() {
    let flaskr = flaskr("oidc-off").await;
    let page = flaskr.client.get("/auth/login").send().await.text();
    assert!(!page.contains("OpenID Connect"), "{page}");
    let response = flaskr.client.get("/auth/oidc/login").send().await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
#[ignore = "needs oidc-provider: run via cargo xtask test"]
async fn log_in_with_openid_connect() {
    use test_support::http::Browser;
    use test_support::oidc::{OidcProvider, ProviderOptions};

    let callback = "http://127.0.0.1:5000/auth/oidc/callback";
    let provider = OidcProvider::start(ProviderOptions {
        redirect_uris: vec![callback.to_owned()],
        ..ProviderOptions::default()
    });
    let issuer = provider.issuer();
    let settings = [
        ("OIDC_ISSUER", issuer.as_str()),
        ("OIDC_CLIENT_ID", "app"),
        ("OIDC_CLIENT_SECRET", "app-secret"),
        ("OIDC_REDIRECT_URI", callback),
    ];
    let flaskr = flaskr_configured("oidc", Backend::Sqlite, &settings).await;
    let page = flaskr.client.get("/auth/login").send().await.text();
    assert!(
        page.contains(r#"<a href="/auth/oidc/login">Log in with OpenID Connect</a>"#),
        "{page}"
    );

    let mut browser = Browser::new(provider.port);
    for round in 0..2 {
        let start = flaskr.client.get("/auth/oidc/login").send().await;
        assert_eq!(start.status(), StatusCode::SEE_OTHER, "{}", start.text());
        let back = provider
            .authorize(
                &mut browser,
                start.location().unwrap(),
                "alice",
                "alice-password",
            )
            .unwrap_or_else(|reply| panic!("{} {}", reply.status, reply.body));
        let path = back.strip_prefix("http://127.0.0.1:5000").unwrap();
        let finished = flaskr.client.get(path).send().await;
        assert_eq!(
            finished.status(),
            StatusCode::SEE_OTHER,
            "{}",
            finished.text()
        );
        assert_eq!(finished.location(), Some("/"));
        let index = flaskr.client.get("/").send().await.text();
        assert!(
            index.contains("<span>alice@example.test</span>"),
            "round {round}: {index}"
        );
        flaskr.client.get("/auth/logout").send().await;
    }
    // One user, found again the second time by the provider's subject.
    assert_eq!(flaskr.count("SELECT count(*) FROM identity").await, 1);
    assert_eq!(
        flaskr
            .count("SELECT count(*) FROM user WHERE username = 'alice@example.test'")
            .await,
        1
    );
    // That user has no password: no password logs in as them.
    let refused = flaskr.login("alice@example.test", "!").await;
    assert!(
        refused.text().contains("Incorrect password."),
        "{}",
        refused.text()
    );
}

#[tokio::test]
async fn an_admin_may_delete_any_post() {
    an_admin_may_delete_any_post_on(Backend::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs postgres: run via cargo xtask test"]
async fn an_admin_may_delete_any_post_on_postgres() {
    an_admin_may_delete_any_post_on(Backend::Postgres).await;
}

async fn an_admin_may_delete_any_post_on(backend: Backend) {
    let app = flaskr_on("admin", backend).await;
    // `other` is no admin: `test`'s post stays.
    app.login("other", "other").await;
    assert_eq!(
        app.post("/1/delete", &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.count("SELECT count(*) FROM post").await, 1);
    // Made an admin, `other` may delete it (and still may not edit it).
    app.execute(r#"UPDATE "user" SET admin = TRUE WHERE username = 'other'"#)
        .await;
    assert_eq!(app.post("/1/delete", &[]).await.status(), StatusCode::FOUND);
    assert_eq!(app.count("SELECT count(*) FROM post").await, 0);
}
