//! A blueprint registered again under another name and prefix
//! (`#[blueprint(of = ..)]`): both answer, each with the blueprint's hooks and error
//! handlers, nested blueprints come along, `*_app_*` hooks run once, and typed links
//! are right in both places.

use framework_core::prelude::*;

use framework_core::testing::TestClient;

use crate::support::Trace;

#[blueprint(prefix = "/a")]
pub mod bp {
    use framework_core::prelude::*;

    use crate::support::Trace;

    #[before_request]
    async fn bp_before(Extension(trace): Extension<Trace>) {
        trace.push("bp before");
    }

    #[before_app_request]
    async fn everywhere(Extension(trace): Extension<Trace>) {
        trace.push("app-wide before");
    }

    #[errorhandler(403)]
    async fn forbidden() -> (StatusCode, &'static str) {
        (StatusCode::FORBIDDEN, "Error")
    }

    #[get("/")]
    async fn index() -> &'static str {
        "index"
    }

    #[get("/error")]
    async fn error() -> Result<&'static str> {
        Err(abort(StatusCode::FORBIDDEN))
    }

    #[get("/post/<id>")]
    async fn post(id: u32) -> String {
        format!("post {id}")
    }

    /// `bp2` again, nested here under its own name: `bp.sub`.
    #[blueprint(of = crate::blueprint_copies::bp2, name = "sub", prefix = "/a")]
    pub mod sub {}
}

#[blueprint(prefix = "/two")]
pub mod bp2 {
    use framework_core::prelude::*;

    #[get("/")]
    async fn index2() -> &'static str {
        "index2"
    }

    #[get("/item/<name>")]
    async fn item(name: String) -> String {
        format!("item {name}")
    }
}

/// `bp` a second time, as `alt` under `/b`.
#[blueprint(of = bp, name = "alt", prefix = "/b")]
mod alt {}

fn app(trace: &Trace) -> App {
    App::new()
        .blueprint(bp::blueprint())
        .blueprint(alt::blueprint())
        .extension(trace.clone())
}

// Flask: test_blueprints.py::test_blueprint_renaming
#[tokio::test]
async fn the_copy_answers_under_its_prefix_with_the_blueprints_hooks_and_handlers() {
    let trace = Trace::default();
    let client = TestClient::new(app(&trace));
    assert_eq!(client.get("/a/").await.text(), "index");
    assert_eq!(client.get("/b/").await.text(), "index");
    assert_eq!(client.get("/b/post/3").await.text(), "post 3");
    assert_eq!(client.get("/a/a/").await.text(), "index2");
    assert_eq!(client.get("/b/a/").await.text(), "index2");
    assert_eq!(client.get("/b/a/item/x").await.text(), "item x");

    let res = client.get("/a/error").await;
    assert_eq!(
        (res.status(), res.text()),
        (StatusCode::FORBIDDEN, "Error".to_owned())
    );
    let res = client.get("/b/error").await;
    assert_eq!(
        (res.status(), res.text()),
        (StatusCode::FORBIDDEN, "Error".to_owned())
    );

    trace.take();
    client.get("/b/").await;
    // The app-wide hook is registered once, though the blueprint is registered twice.
    assert_eq!(trace.take(), ["app-wide before", "bp before"]);
}

// Flask: test_blueprints.py::test_blueprint_renaming (the endpoints)
#[test]
fn the_copy_and_its_nested_blueprints_have_their_own_endpoints() {
    let endpoints: Vec<(String, &str)> = app(&Trace::default())
        .routes()
        .iter()
        .map(|r| (r.endpoint(), r.rule))
        .collect();
    for expected in [
        ("bp.index", "/a/"),
        ("alt.index", "/b/"),
        ("bp.sub.index2", "/a/a/"),
        ("alt.sub.index2", "/b/a/"),
        ("alt.sub.item", "/b/a/item/<name>"),
    ] {
        assert!(
            endpoints.iter().any(|(e, r)| (e.as_str(), *r) == expected),
            "{expected:?} in {endpoints:?}"
        );
    }
}

#[test]
fn typed_links_are_right_in_every_copy() {
    assert_eq!(url_for!(bp::post, id = 7).as_str(), "/a/post/7");
    assert_eq!(url_for!(alt::post, id = 7).as_str(), "/b/post/7");
    assert_eq!(
        url_for!(bp::sub::item, name = "a b").as_str(),
        "/a/a/item/a%20b"
    );
    assert_eq!(
        url_for!(alt::sub::item, name = "a b").as_str(),
        "/b/a/item/a%20b"
    );
    assert_eq!(url_for!(bp2::item, name = "c").as_str(), "/two/item/c");
    assert_eq!(url_for!(alt::index).as_str(), "/b/");
    assert_eq!(
        url_for!(alt::post, id = 1, _anchor = "top")
            .query("q", 2)
            .as_str(),
        "/b/post/1?q=2#top"
    );
}

#[test]
fn a_copy_of_a_copy_is_a_copy_of_the_original() {
    #[blueprint(of = alt, name = "third", prefix = "/c/")]
    mod third {}

    assert_eq!(url_for!(third::post, id = 2).as_str(), "/c/post/2");
    assert_eq!(url_for!(third::sub::index2).as_str(), "/c/a/");
    let blueprint = third::blueprint();
    assert_eq!(blueprint.routes()[0].endpoint(), "third.index");
    assert_eq!(blueprint.children()[0].name(), "third.sub");
    assert_eq!(blueprint.children()[0].routes()[1].rule, "/c/a/item/<name>");
}

#[test]
fn registering_one_name_twice_says_how_to_copy() {
    let error = App::new()
        .blueprint(bp::blueprint())
        .blueprint(bp::blueprint())
        .into_router()
        .unwrap_err()
        .to_string();
    assert!(error.contains("`#[blueprint(of = module"), "{error}");
}
