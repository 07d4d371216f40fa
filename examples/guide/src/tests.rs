//! The guide's examples behave as the book says.

// ANCHOR: uses
use framework_core::prelude::*;
use framework_core::testing::TestClient;

use crate::{
    blocking, blueprints, config, cookies, databases, errors, forms, hooks, identity, rate_limits,
    routing, security, templates,
};
// ANCHOR_END: uses

#[tokio::test]
async fn routing_chapter() {
    let client = TestClient::new(routing::app());
    assert_eq!(client.get("/").await.text(), "Index Page");
    assert_eq!(client.get("/post/7").await.text(), "Post 7");
    assert_eq!(
        client.get("/post/abc").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(client.get("/path/a/b").await.text(), "Subpath a/b");
    assert_eq!(client.get("/login").await.text(), "show the login form");
    assert_eq!(client.post("/login").await.text(), "do the login");
    let posted = client.post("/signup").form(&[("username", "ferris")]).await;
    assert_eq!(posted.text(), "welcome, ferris");
    let bare = client.get("/projects").await;
    assert_eq!(bare.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(bare.location(), Some("/projects/"));

    let links: Vec<String> = routing::links().into_iter().map(String::from).collect();
    assert_eq!(
        links,
        [
            "/",
            "/post/7",
            "/post/7",
            "/path/a%20b/c.txt",
            "/login?next=%2F",
            "/post/7#comments"
        ]
    );
    assert_eq!(client.get("/users").await.text(), "Users, page 1");
    assert_eq!(client.get("/users/page/3").await.text(), "Users, page 3");
    let [first, second] = routing::user_links();
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("/users", "/users/page/2")
    );
    assert_eq!(client.get("/about/").await.text(), "The about page");
    assert_eq!(client.get("/about").await.text(), "The about page");
    let shared = client.get("/share/7").header("host", "example.com").await;
    assert_eq!(shared.text(), "http://example.com/post/7");
}

#[tokio::test]
async fn a_blueprints_own_files() {
    let bp = blueprints::admin_with_files();
    let url = bp.static_files().unwrap().url("admin.css");
    assert_eq!(url, "/admin/static/admin.css");
    let client = TestClient::new(App::new().blueprint(bp));
    let css = client.get(&url).header("x-role", "admin").await;
    assert_eq!(css.text(), "h1 { color: navy }\n");
}

// ANCHOR: blueprints_chapter
#[tokio::test]
async fn blueprints_chapter() {
    let client = TestClient::new(blueprints::app());
    assert_eq!(client.get("/auth/register").await.text(), "register");
    assert_eq!(
        client.get("/auth/login").await.text(),
        "<a href=\"/\">back to the posts</a>"
    );
    assert_eq!(client.post("/3/update").await.text(), "update post 3");
    assert_eq!(blueprints::blog::update::url(3).as_str(), "/3/update");

    // Nested: the parent's hook guards the child's routes.
    assert_eq!(
        blueprints::admin::users::list::url().as_str(),
        "/admin/users/"
    );
    let refused = client.get("/admin/users/").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let listed = client.get("/admin/users/").header("x-role", "admin").await;
    assert_eq!(listed.text(), "every user");

    // A copy: both registrations answer, and each has its own links.
    let client = TestClient::new(blueprints::app_with_both());
    assert_eq!(client.get("/account/register").await.text(), "register");
    assert_eq!(client.get("/auth/register").await.text(), "register");
    assert_eq!(
        url_for!(blueprints::account::login).as_str(),
        "/account/login"
    );
    assert_eq!(url_for!(blueprints::auth::login).as_str(), "/auth/login");
}
// ANCHOR_END: blueprints_chapter

#[tokio::test]
async fn a_blueprint_per_file() {
    let client = TestClient::new(crate::catalog::app());
    assert_eq!(
        client.get("/catalog/").await.text(),
        "first item: /catalog/1"
    );
    assert_eq!(client.get("/catalog/4").await.text(), "item 4");
    // The items read as the file module's own: no `catalog::catalog::`.
    assert_eq!(
        url_for!(crate::catalog::item, id = 2).as_str(),
        "/catalog/2"
    );
}

#[tokio::test]
async fn hooks_chapter() {
    let client = TestClient::new(hooks::app());
    let public = client.get("/").await;
    assert_eq!(public.text(), "anyone may see this");
    assert_eq!(public.header("x-frame-options"), Some("DENY"));
    let turned_away = client.get("/me").await;
    assert_eq!(turned_away.status(), StatusCode::FOUND);
    assert_eq!(turned_away.location(), Some("/"));
    let me = client.get("/me").header("x-user", "ferris").await;
    assert_eq!(me.text(), "ferris");
    assert_eq!(me.header("cache-control"), Some("private"));
}

#[tokio::test]
async fn errors_chapter() {
    let client = TestClient::new(errors::app());
    assert_eq!(client.get("/posts/1").await.text(), "post 1");
    let forbidden = client.get("/posts/0").await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    assert_eq!(forbidden.text(), "403 Forbidden");
    let missing = client.get("/posts/500").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.text(), "post 500 does not exist");
    let unknown = client.get("/nowhere").await;
    assert_eq!(unknown.text(), "<h1>Nothing at /nowhere</h1>");

    #[get("/upstream")]
    async fn upstream() -> Result<&'static str> {
        Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer").into())
    }
    let client = TestClient::new(errors::with_statuses(
        App::new().register(routes![upstream]),
    ));
    assert_eq!(
        client.get("/upstream").await.status(),
        StatusCode::GATEWAY_TIMEOUT
    );
}

// ANCHOR: config_chapter
#[test]
fn config_chapter() {
    use framework_core::cli::Outcome;
    use framework_core::config::Config;

    let config = Config::from_vars([("DATABASE", "app.sqlite")]).unwrap();
    let settings = config::load(&config).unwrap();
    assert_eq!(
        (settings.database.as_str(), settings.items_per_page),
        ("app.sqlite", 20)
    );

    let mut out = Vec::new();
    let vars = vec![("DATABASE".to_owned(), "app.sqlite".to_owned())];
    assert_eq!(
        config::cli().run_with(["guide", "init-db"], vars, &mut out),
        Outcome::Done
    );
    let mut out = Vec::new();
    let outcome = config::cli().run_with(["guide", "init-db"], Vec::new(), &mut out);
    assert_eq!(outcome, Outcome::Failed);
    assert!(String::from_utf8(out).unwrap().contains("database"));
}
// ANCHOR_END: config_chapter

#[tokio::test]
async fn config_in_a_handler() {
    use framework_core::config::Config;

    let config = Config::from_vars([("DATABASE", "app.sqlite"), ("ITEMS_PER_PAGE", "5")]).unwrap();
    let client = TestClient::new(config::about_app(&config).unwrap());
    assert_eq!(
        client.get("/about").await.text(),
        "development, 5 items a page"
    );
}

#[tokio::test]
async fn cookies_section() {
    use framework_core::config::Config;

    let config =
        Config::from_vars([("SECRET_KEY", "the guide's key, 32 characters or more")]).unwrap();
    let client = TestClient::new(cookies::app().configure(&config).unwrap());
    assert_eq!(client.get("/theme/dark").await.text(), "theme was none");
    assert_eq!(client.get("/theme/light").await.text(), "theme was dark");
    assert_eq!(client.get("/visits").await.text(), "visit number 1");
    assert_eq!(client.get("/visits").await.text(), "visit number 2");
    let signed = client.cookie("visits").unwrap();
    client.set_cookie("visits", &signed.replace('2', "9"));
    assert_eq!(client.get("/visits").await.text(), "visit number 1");
    client.post("/remember/1234").await;
    assert!(!client.cookie("code").unwrap().contains("1234"));
    assert_eq!(client.get("/recall").await.text(), "1234");
}

// ANCHOR: databases_chapter
#[tokio::test]
async fn databases_chapter() {
    use framework_db::{Database, DbSettings};

    let dir = std::env::temp_dir().join(format!("guide-bank-{}", std::process::id()));
    let url = format!("sqlite://{}/bank.sqlite", dir.display());
    let database = Database::connect(&DbSettings::for_url(url)).await.unwrap();
    databases::setup()
        .migrations_of()
        .run(&database)
        .await
        .unwrap();
    let client = TestClient::new(framework_db::install(databases::app(), database));

    client.post("/accounts/ann/100").await;
    client.post("/accounts/bob/0").await;
    assert_eq!(client.post("/transfer/ann/bob/30").await.text(), "done");
    assert_eq!(client.get("/accounts/bob").await.text(), "bob: 30");
    // No such account: the credit to it never happened.
    let missing = client.post("/transfer/ann/cyd/30").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    // Overdrawn: bob was credited first, and that is rolled back too.
    let overdrawn = client.post("/transfer/ann/bob/500").await;
    assert_eq!(overdrawn.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(client.get("/accounts/ann").await.text(), "ann: 70");
    assert_eq!(client.get("/accounts/bob").await.text(), "bob: 30");
    let _ = std::fs::remove_dir_all(dir);
}
// ANCHOR_END: databases_chapter

#[test]
fn databases_chapter_commands() {
    use framework_core::cli::Outcome;

    let dir = std::env::temp_dir().join(format!("guide-bank-cli-{}", std::process::id()));
    let vars = || {
        vec![(
            "DATABASE_URL".to_owned(),
            format!("sqlite://{}/bank.sqlite", dir.display()),
        )]
    };
    let mut out = Vec::new();
    assert_eq!(
        databases::cli().run_with(["bank", "db", "migrate"], vars(), &mut out),
        Outcome::Done
    );
    assert_eq!(
        databases::cli().run_with(["bank", "db", "status"], vars(), &mut out),
        Outcome::Done
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn identity_chapter() {
    let client = TestClient::new(identity::app().await);
    // A browser that is not logged in goes to the sign-in page, and comes back.
    let page = client.get("/admin/").header("accept", "text/html").await;
    assert_eq!(page.status(), StatusCode::FOUND);
    assert_eq!(
        page.location(),
        Some("/auth/oidc/company/login?next=%2Fadmin%2F")
    );
    // An API client gets a 401 with a challenge.
    let api = client
        .get("/admin/")
        .header("accept", "application/json")
        .await;
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(api.header("www-authenticate"), Some("Bearer"));
    // Several requirements: the first one asks the visitor to log in.
    let several = client
        .get("/posts/21/removed-comments")
        .header("accept", "text/html")
        .await;
    assert_eq!(
        several.location(),
        Some("/auth/oidc/company/login?next=%2Fposts%2F21%2Fremoved-comments")
    );
    // A provider that is not configured is a 404, not an error.
    let unknown = client.get("/auth/oidc/nobody/login").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    use framework_identity::authz::{Can, Permission};
    let admin = identity::Member {
        id: 1,
        roles: vec!["admin".into()],
    };
    let author = identity::Member {
        id: 2,
        roles: vec!["author".into()],
    };
    assert!(admin.can::<identity::DeleteAnyPost>());
    assert!(author.can::<identity::WritePost>() && !author.can::<identity::DeleteAnyPost>());
    assert_eq!(identity::DeleteAnyPost::NAME, "post:delete-any");

    // The API takes the API key as a bearer token; a session cookie does not count.
    let api = client
        .get("/api/posts")
        .header("authorization", "Bearer guide-api-key")
        .await;
    assert_eq!(api.text(), "posts for nightly-export");
    let api = client.get("/api/posts").await;
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    // With a bearer token, a POST needs no CSRF token.
    let export = client
        .post("/api/exports")
        .header("authorization", "Bearer guide-api-key")
        .await;
    assert_eq!(export.text(), "export started");

    // Guards by attribute answer as the extractors do.
    for path in ["/moderation/queue", "/drafts/"] {
        let page = client.get(path).header("accept", "text/html").await;
        assert_eq!(page.status(), StatusCode::FOUND, "{path}");
        let api = client.get(path).header("accept", "application/json").await;
        assert_eq!(api.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn security_chapter() {
    let settings = framework_core::config::Config::from_vars([
        ("TRUSTED_PROXIES", "127.0.0.1"),
        ("CONTENT_SECURITY_POLICY", "default-src 'self'"),
    ])
    .unwrap();
    let client = TestClient::new(security::app(&settings).unwrap());
    let res = client
        .get("/")
        .header("x-forwarded-for", "203.0.113.7")
        .await;
    assert_eq!(res.text(), "hello, 203.0.113.7");
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(res.header("x-frame-options"), Some("DENY"));
    assert_eq!(
        res.header("content-security-policy"),
        Some("default-src 'self'")
    );
    let res = client.get("/widget").await;
    assert_eq!(res.header("x-frame-options"), Some("SAMEORIGIN"));

    let app = security::hardened();
    assert_eq!(app.limits().max_connections, 512);
    let res = TestClient::new(app).get("/nowhere").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        res.header("content-security-policy"),
        Some("default-src 'self'; frame-ancestors 'none'")
    );
}

#[tokio::test]
async fn blocking_work_section() {
    let client = TestClient::new(blocking::app());
    let motd = client.get("/motd").send().await;
    assert_eq!(motd.status(), StatusCode::OK);
    assert!(motd.text().starts_with("Message of the day:"));
    let checksum = client.get("/checksum").send().await;
    assert_eq!(checksum.text().len(), 8);
    let welcome = client
        .post("/check")
        .form(&[("password", "test")])
        .send()
        .await;
    assert_eq!(welcome.text(), "welcome");
    let refused = client
        .post("/check")
        .form(&[("password", "nope")])
        .send()
        .await;
    assert_eq!(refused.text(), "no");
}

#[tokio::test]
async fn security_chapter_rate_limits() {
    let settings =
        framework_core::config::Config::from_vars([("RATE_LIMIT_DEFAULT", "1/minute")]).unwrap();
    let client = TestClient::new(rate_limits::app(&settings).unwrap());
    for _ in 0..5 {
        assert_eq!(client.post("/login").await.status(), StatusCode::OK);
    }
    let res = client.post("/login").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.text().contains("Slow down"));
    assert_eq!(res.header("retry-after"), Some("12"));
    assert_eq!(client.get("/login").await.status(), StatusCode::OK);
    // The blueprint's 100 a minute, not the app's default of 1.
    for _ in 0..3 {
        assert_eq!(client.get("/api/posts").await.status(), StatusCode::OK);
    }

    let client = TestClient::new(rate_limits::in_code());
    assert_eq!(client.get("/search").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn templates_chapter() {
    let client = TestClient::new(templates::app());
    let page = client.get("/hello/%3Cb%3EBob").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text();
    // Escaped, inside the base template, with links built from the route.
    assert!(html.contains("<h1>Hello, &#60;b&#62;Bob!</h1>"), "{html}");
    assert!(html.contains("<title>Hello - Guide</title>"), "{html}");
    assert!(
        html.contains(r#"<a href="/hello/Ferris">Ferris</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="/">Home</a>"#), "{html}");
    assert!(client.get("/").await.text().contains("Hello, World!"));
}

#[tokio::test]
async fn forms_chapter() {
    let client = TestClient::new(forms::app());
    assert_eq!(client.get("/signup").await.text(), "the empty form");
    let valid = [("username", "ferris"), ("email", "ferris@example.com")];
    assert_eq!(
        client.post("/signup").form(&valid).await.text(),
        "welcome, ferris <ferris@example.com>"
    );
    let short = [("username", "fe"), ("email", "ferris@example.com")];
    assert_eq!(
        client.post("/signup").form(&short).await.text(),
        "again: Pick a name of 3 letters or more. (you typed \"fe\")"
    );
    let strict = client.post("/api/signup").form(&short).await;
    assert_eq!(strict.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        client.post("/api/signup").form(&valid).await.text(),
        "welcome, ferris"
    );
}
