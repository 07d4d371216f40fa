//! Roles and permissions: guards as extractors in handlers and in a blueprint's
//! hook, and as `requires = ..` on a route, a blueprint and a hook; the answers for
//! visitors (login redirect for browsers, 401 for APIs) and for users lacking the
//! permission (403 through the app's error handler), and an object-level check.
#![forbid(unsafe_code)]

use framework_core::config::Config;
use framework_core::http::request::Parts;
use framework_core::prelude::*;
use framework_core::testing::TestClient;
use framework_identity::authz::{
    Authorize, Can, Forbidden, Permission, RequirePermission, RequireRole,
};
use framework_sessions::{CurrentUser, Session, User};

framework_identity::roles! {
    for Member;
    pub Admin = "admin";
    pub Editor = "editor";
}

framework_identity::permissions! {
    for Member;
    pub EditPost = "post:edit";
    pub DeleteAnyPost = "post:delete-any";
}

#[derive(Clone)]
pub struct Member {
    name: String,
    roles: Vec<String>,
}

/// The app's users: name and roles (a database in a real app).
const MEMBERS: &[(&str, &[&str])] = &[
    ("ada", &["admin"]),
    ("eve", &["editor"]),
    ("rex", &[]),
    ("max", &["admin", "editor"]),
];

impl User for Member {
    type Id = String;

    async fn load(id: String, _parts: &mut Parts) -> Result<Option<Self>> {
        Ok(MEMBERS
            .iter()
            .find(|(name, _)| *name == id)
            .map(|(name, roles)| Member {
                name: (*name).to_owned(),
                roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            }))
    }

    fn login_url() -> Url {
        Url::from_path("/login")
    }
}

impl Authorize for Member {
    fn roles(&self) -> &[String] {
        &self.roles
    }

    fn role_grants(role: &str) -> &'static [&'static str] {
        match role {
            "admin" => &[EditPost::NAME, DeleteAnyPost::NAME],
            "editor" => &[EditPost::NAME],
            _ => &[],
        }
    }
}

/// Logs in as `name` (a GET, for the tests: no form, no CSRF token).
#[get("/test-login/<name>")]
async fn login(name: String, session: Session) -> Result<&'static str> {
    session.log_in(name).await?;
    Ok("logged in")
}

#[get("/edit")]
async fn edit(user: RequirePermission<EditPost, Member>) -> String {
    format!("{} may edit", user.name)
}

#[get("/roles/editor")]
async fn editors(user: RequireRole<Editor, Member>) -> String {
    format!("{} is an editor", user.name)
}

/// Posts by author: post 1 is eve's, post 2 is rex's.
fn author_of(post: i64) -> Option<&'static str> {
    match post {
        1 => Some("eve"),
        2 => Some("rex"),
        _ => None,
    }
}

/// The author deletes their own post; `DeleteAnyPost` deletes anyone's.
#[get("/posts/<id>/delete")]
async fn delete_post(id: i64, user: CurrentUser<Member>) -> Result<String> {
    let Some(user) = user.0 else {
        return Err(abort(StatusCode::UNAUTHORIZED));
    };
    let author = author_of(id).ok_or_else(|| abort(StatusCode::NOT_FOUND))?;
    if author != user.name {
        user.require::<DeleteAnyPost>()?;
    }
    Ok(format!("{} deleted post {id}", user.name))
}

#[errorhandler(Forbidden)]
async fn forbidden(error: Forbidden) -> (StatusCode, String) {
    (StatusCode::FORBIDDEN, format!("403 page: {error}"))
}

#[blueprint(prefix = "/admin")]
mod admin {
    use super::*;

    /// Every route of the blueprint is for admins only.
    #[before_request]
    async fn only_admins(_admin: RequireRole<Admin, Member>) {}

    #[get("/stats")]
    async fn stats() -> &'static str {
        "the stats"
    }
}

/// The same guards as attributes.
#[get("/attr/edit", requires = EditPost)]
async fn edit_by_attribute() -> &'static str {
    "edited by attribute"
}

/// Every route of the blueprint is for editors; the guard runs before the
/// blueprint's own hooks.
#[blueprint(prefix = "/staff", requires = Editor)]
mod staff {
    use super::*;
    use framework_core::http::Uri;

    /// Answers `/staff/short` itself: only someone past the guard sees this.
    #[before_request]
    async fn short_circuit(uri: Uri) -> Option<&'static str> {
        (uri.path() == "/staff/short").then_some("the blueprint's own hook")
    }

    #[get("/")]
    async fn desk() -> &'static str {
        "the staff desk"
    }

    #[get("/short")]
    async fn short() -> &'static str {
        "never reached"
    }
}

/// A hook that requires a role: it runs (and its arguments are taken) only past
/// the guard.
#[blueprint(prefix = "/reports")]
mod reports {
    use super::*;

    #[before_request(requires = Admin)]
    async fn count(user: CurrentUser<Member>) -> Option<String> {
        user.0
            .is_none()
            .then(|| "the guard let a visitor in".to_owned())
    }

    #[get("/")]
    async fn list() -> &'static str {
        "the reports"
    }
}

/// Several requirements at once: all must hold, checked in the order written, so
/// the first one that fails answers.
#[get("/both/edit-then-admin", requires = [EditPost, Admin])]
async fn edit_then_admin() -> &'static str {
    "an admin who may edit"
}

#[get("/both/admin-then-edit", requires = [Admin, EditPost])]
async fn admin_then_edit() -> &'static str {
    "an admin who may edit"
}

#[blueprint(prefix = "/chiefs", requires = [Editor, Admin])]
mod chiefs {
    use super::*;

    #[get("/")]
    async fn room() -> &'static str {
        "the chiefs' room"
    }
}

#[blueprint(prefix = "/audit")]
mod audit {
    use super::*;

    #[before_request(requires = [EditPost, DeleteAnyPost])]
    async fn guard() {}

    #[get("/")]
    async fn log() -> &'static str {
        "the audit log"
    }
}

/// Paths guarded by attribute: on a route, on a blueprint (twice: a route whose
/// blueprint hook would answer first), on a hook.
const ATTRIBUTE_GUARDED: &[&str] = &[
    "/attr/edit",
    "/staff/",
    "/staff/short",
    "/reports/",
    "/both/edit-then-admin",
    "/both/admin-then-edit",
    "/chiefs/",
    "/audit/",
];

async fn client() -> TestClient {
    let config = Config::from_vars([("SECRET_KEY", "authz-tests-secret-key")]).unwrap();
    let app = App::new()
        .register(routes![
            login,
            edit,
            editors,
            delete_post,
            forbidden,
            edit_by_attribute,
            edit_then_admin,
            admin_then_edit
        ])
        .blueprint(admin::blueprint())
        .blueprint(staff::blueprint())
        .blueprint(reports::blueprint())
        .blueprint(chiefs::blueprint())
        .blueprint(audit::blueprint());
    framework_sessions::install(app, &config)
        .await
        .unwrap()
        .test_client()
}

async fn logged_in(name: &str) -> TestClient {
    let client = client().await;
    let response = client.get(&format!("/test-login/{name}")).send().await;
    assert_eq!(response.status(), StatusCode::OK, "{}", response.text());
    client
}

#[tokio::test]
async fn a_browser_visitor_is_sent_to_login_with_next() {
    let client = client().await;
    let extractors = ["/edit", "/roles/editor", "/admin/stats"];
    for &path in extractors.iter().chain(ATTRIBUTE_GUARDED) {
        let response = client
            .get(path)
            .header("accept", "text/html,application/xhtml+xml")
            .send()
            .await;
        assert_eq!(response.status(), StatusCode::FOUND, "{path}");
        let next = path.replace('/', "%2F");
        assert_eq!(
            response.location(),
            Some(format!("/login?next={next}").as_str())
        );
    }
}

#[tokio::test]
async fn an_api_visitor_gets_401_with_www_authenticate() {
    let client = client().await;
    for &path in ["/edit", "/admin/stats"].iter().chain(ATTRIBUTE_GUARDED) {
        let response = client
            .get(path)
            .header("accept", "application/json")
            .send()
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(response.header("www-authenticate"), Some("Bearer"));
    }
}

#[tokio::test]
async fn a_user_with_the_permission_or_role_passes() {
    let eve = logged_in("eve").await;
    assert_eq!(eve.get("/edit").send().await.text(), "eve may edit");
    assert_eq!(
        eve.get("/roles/editor").send().await.text(),
        "eve is an editor"
    );
    // Admin grants EditPost too.
    let ada = logged_in("ada").await;
    assert_eq!(ada.get("/edit").send().await.text(), "ada may edit");
    assert_eq!(ada.get("/admin/stats").send().await.text(), "the stats");
}

#[tokio::test]
async fn attribute_guards_let_the_right_users_through() {
    let eve = logged_in("eve").await;
    assert_eq!(
        eve.get("/attr/edit").send().await.text(),
        "edited by attribute"
    );
    assert_eq!(eve.get("/staff/").send().await.text(), "the staff desk");
    // Past the blueprint's guard, its own hooks run as usual.
    assert_eq!(
        eve.get("/staff/short").send().await.text(),
        "the blueprint's own hook"
    );
    let ada = logged_in("ada").await;
    assert_eq!(
        ada.get("/attr/edit").send().await.text(),
        "edited by attribute"
    );
    assert_eq!(ada.get("/reports/").send().await.text(), "the reports");
}

#[tokio::test]
async fn attribute_guards_give_the_apps_403_page() {
    let rex = logged_in("rex").await;
    for (path, page) in [
        ("/attr/edit", "403 page: lacks the permission `post:edit`"),
        ("/staff/", "403 page: lacks the role `editor`"),
        // The guard comes before the blueprint's hook that would answer.
        ("/staff/short", "403 page: lacks the role `editor`"),
        ("/reports/", "403 page: lacks the role `admin`"),
    ] {
        let response = rex.get(path).send().await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(response.text(), page, "{path}");
    }
}

#[tokio::test]
async fn several_requirements_all_hold_and_the_first_failing_one_answers() {
    let max = logged_in("max").await;
    for (path, page) in [
        ("/both/edit-then-admin", "an admin who may edit"),
        ("/both/admin-then-edit", "an admin who may edit"),
        ("/chiefs/", "the chiefs' room"),
        ("/audit/", "the audit log"),
    ] {
        assert_eq!(max.get(path).send().await.text(), page, "{path}");
    }
    // rex fails both of each pair: the one written first answers.
    let rex = logged_in("rex").await;
    // eve passes the first of each and fails the second; ada the other way round
    // for the chiefs (an admin, not an editor).
    let eve = logged_in("eve").await;
    let ada = logged_in("ada").await;
    for (client, path, page) in [
        (
            &rex,
            "/both/edit-then-admin",
            "lacks the permission `post:edit`",
        ),
        (&rex, "/both/admin-then-edit", "lacks the role `admin`"),
        (&rex, "/chiefs/", "lacks the role `editor`"),
        (&rex, "/audit/", "lacks the permission `post:edit`"),
        (&eve, "/both/edit-then-admin", "lacks the role `admin`"),
        (&eve, "/both/admin-then-edit", "lacks the role `admin`"),
        (&eve, "/chiefs/", "lacks the role `admin`"),
        (&eve, "/audit/", "lacks the permission `post:delete-any`"),
        (&ada, "/chiefs/", "lacks the role `editor`"),
    ] {
        let response = client.get(path).send().await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(response.text(), format!("403 page: {page}"), "{path}");
    }
    // Admin grants EditPost and DeleteAnyPost: ada passes the permission pairs.
    assert_eq!(
        ada.get("/both/edit-then-admin").send().await.text(),
        "an admin who may edit"
    );
    assert_eq!(ada.get("/audit/").send().await.text(), "the audit log");
}

#[tokio::test]
async fn a_user_without_it_gets_the_apps_403_page() {
    let rex = logged_in("rex").await;
    let response = rex.get("/edit").send().await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        response.text(),
        "403 page: lacks the permission `post:edit`"
    );

    let eve = logged_in("eve").await;
    let response = eve.get("/admin/stats").send().await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(response.text(), "403 page: lacks the role `admin`");
    let response = logged_in("ada").await.get("/roles/editor").send().await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn object_checks_combine_ownership_and_permissions() {
    let eve = logged_in("eve").await;
    assert_eq!(
        eve.get("/posts/1/delete").send().await.text(),
        "eve deleted post 1"
    );
    let response = eve.get("/posts/2/delete").send().await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        response.text(),
        "403 page: lacks the permission `post:delete-any`"
    );
    let ada = logged_in("ada").await;
    assert_eq!(
        ada.get("/posts/2/delete").send().await.text(),
        "ada deleted post 2"
    );
}

#[test]
fn typed_names_carry_the_data_names() {
    assert_eq!(EditPost::NAME, "post:edit");
    assert_eq!(<Admin as framework_identity::authz::Role>::NAME, "admin");
}
