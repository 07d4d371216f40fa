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
    let (_, rest) = page.split_once(marker).expect("a form with a CSRF token");
    rest.split('"').next().unwrap_or_default().to_owned()
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

mod auth;
mod blog;
mod commands;
mod identity;
mod safety;
