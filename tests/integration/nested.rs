//! Nested blueprints: a `#[blueprint]` module inside another is `parent.child`, under
//! the parent's prefix, and its requests run every enclosing scope's hooks and error
//! handlers, outermost first for before hooks and innermost first for the rest.

use framework_core::prelude::*;

use framework_core::testing::TestClient;

use crate::support::Trace;

#[before_request]
async fn app_before(Extension(trace): Extension<Trace>) {
    trace.push("app before");
}

#[after_request]
async fn app_after(response: Response, Extension(trace): Extension<Trace>) -> Response {
    trace.push("app after");
    response
}

#[teardown_request]
async fn app_teardown(Extension(trace): Extension<Trace>) {
    trace.push("app teardown");
}

#[blueprint(prefix = "/admin")]
mod admin {
    use framework_core::prelude::*;

    use crate::support::Trace;

    #[before_request]
    async fn admin_before(Extension(trace): Extension<Trace>) {
        trace.push("admin before");
    }

    #[after_request]
    async fn admin_after(response: Response, Extension(trace): Extension<Trace>) -> Response {
        trace.push("admin after");
        response
    }

    #[teardown_request]
    async fn admin_teardown(Extension(trace): Extension<Trace>) {
        trace.push("admin teardown");
    }

    #[errorhandler(404)]
    async fn admin_404() -> (StatusCode, &'static str) {
        (StatusCode::NOT_FOUND, "admin 404")
    }

    #[errorhandler(403)]
    async fn admin_403() -> (StatusCode, &'static str) {
        (StatusCode::FORBIDDEN, "admin 403")
    }

    #[get("/")]
    async fn dashboard() -> &'static str {
        "dashboard"
    }

    #[blueprint(prefix = "/users")]
    pub mod users {
        use framework_core::prelude::*;

        use crate::support::Trace;

        #[before_request]
        async fn users_before(Extension(trace): Extension<Trace>) {
            trace.push("users before");
        }

        #[after_request]
        async fn users_after(response: Response, Extension(trace): Extension<Trace>) -> Response {
            trace.push("users after");
            response
        }

        #[teardown_request]
        async fn users_teardown(Extension(trace): Extension<Trace>) {
            trace.push("users teardown");
        }

        #[errorhandler(403)]
        async fn users_403() -> (StatusCode, &'static str) {
            (StatusCode::FORBIDDEN, "users 403")
        }

        #[get("/<id>")]
        async fn show(id: u32, Extension(trace): Extension<Trace>) -> Result<String> {
            trace.push("view");
            match id {
                0 => Err(abort(StatusCode::NOT_FOUND)),
                1 => Err(abort(StatusCode::FORBIDDEN)),
                _ => Ok(format!("user {id}")),
            }
        }

        #[get("/links")]
        async fn links() -> String {
            format!("{} {}", url_for!(show, id = 7), url_for!(super::dashboard))
        }
    }
}

fn app(trace: &Trace) -> App {
    App::new()
        .register(routes![app_before, app_after, app_teardown])
        .blueprint(admin::blueprint())
        .extension(trace.clone())
}

#[tokio::test]
async fn a_nested_blueprint_is_named_and_prefixed_by_its_parent() {
    let app = app(&Trace::default());
    let endpoints: Vec<(String, &str)> = app
        .routes()
        .iter()
        .map(|r| (r.endpoint(), r.rule))
        .collect();
    assert!(
        endpoints.contains(&("admin.dashboard".to_owned(), "/admin/")),
        "{endpoints:?}"
    );
    assert!(
        endpoints.contains(&("admin.users.show".to_owned(), "/admin/users/<id>")),
        "{endpoints:?}"
    );
    assert_eq!(admin::users::show::url(3).as_str(), "/admin/users/3");

    let client = TestClient::new(app);
    assert_eq!(
        client.get("/admin/users/links").await.text(),
        "/admin/users/7 /admin/"
    );
}

#[tokio::test]
async fn hooks_of_every_enclosing_scope_run_in_flasks_order() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace)).get("/admin/users/5").await;
    assert_eq!(res.text(), "user 5");
    assert_eq!(
        trace.take(),
        [
            "app before",
            "admin before",
            "users before",
            "view",
            "users after",
            "admin after",
            "app after",
            "users teardown",
            "admin teardown",
            "app teardown"
        ]
    );
}

#[tokio::test]
async fn the_parents_routes_do_not_run_the_childs_hooks() {
    let trace = Trace::default();
    let res = TestClient::new(app(&trace)).get("/admin/").await;
    assert_eq!(res.text(), "dashboard");
    assert_eq!(
        trace.take(),
        [
            "app before",
            "admin before",
            "admin after",
            "app after",
            "admin teardown",
            "app teardown"
        ]
    );
}

#[tokio::test]
async fn error_handlers_are_inherited_the_innermost_first() {
    let client = TestClient::new(app(&Trace::default()));
    // The child's own handler.
    assert_eq!(client.get("/admin/users/1").await.text(), "users 403");
    // None in the child: the parent's.
    let res = client.get("/admin/users/0").await;
    assert_eq!(
        (res.status(), res.text().as_str()),
        (StatusCode::NOT_FOUND, "admin 404")
    );
}

#[tokio::test]
async fn blueprints_nest_by_hand_too() {
    let outer = Blueprint::new("outer", "").nest(admin::blueprint());
    assert_eq!(outer.children()[0].name(), "admin");
    let res = TestClient::new(App::new().blueprint(outer).extension(Trace::default()))
        .get("/admin/users/9")
        .await;
    assert_eq!(res.text(), "user 9");
}

#[tokio::test]
async fn a_blueprint_registered_twice_is_refused_before_serving() {
    let app = App::new()
        .blueprint(admin::blueprint())
        .blueprint(admin::blueprint());
    let error = app.into_router().unwrap_err().to_string();
    assert!(error.contains("`admin` is registered twice"), "{error}");
}
