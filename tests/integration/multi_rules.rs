//! Several rules on one view (stacked route attributes) and `defaults`, Flask's
//! stacked `@app.route` with `defaults={..}`: each rule answers with the same view,
//! the endpoint stays the function's name, and `url_for!` builds the rule whose
//! parameters are exactly the ones given.

use framework_core::prelude::*;
use framework_core::testing::TestClient;

// Flask: test_multi_route_rules (its `def index(test="a")` is `defaults` here).
#[get("/", defaults = { test = "a" })]
#[get("/<test>/")]
async fn index(test: String) -> String {
    test
}

#[tokio::test]
async fn each_rule_of_a_view_answers_and_the_rule_without_the_parameter_uses_its_default() {
    let client = TestClient::new(App::new().register(routes![index]));
    assert_eq!(client.get("/").await.text(), "a");
    assert_eq!(client.get("/b/").await.text(), "b");
}

#[blueprint]
mod bp {
    use framework_core::prelude::*;

    #[route("/", defaults = { page = 1 })]
    #[route("/page/<page>")]
    pub async fn something(page: u32) -> String {
        page.to_string()
    }
}

// Flask: test_empty_url_defaults
#[tokio::test]
async fn a_blueprint_view_with_a_default_for_its_bare_rule() {
    let client = TestClient::new(App::new().blueprint(bp::blueprint()));
    assert_eq!(client.get("/").await.text(), "1");
    assert_eq!(client.get("/page/2").await.text(), "2");
    // The parameter's type still decides: not a number is not this rule.
    assert_eq!(
        client.get("/page/two").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[test]
fn url_for_builds_the_rule_whose_parameters_are_the_ones_given() {
    assert_eq!(url_for!(bp::something).as_str(), "/");
    assert_eq!(url_for!(bp::something, page = 2).as_str(), "/page/2");
    assert_eq!(url_for!(index).as_str(), "/");
    assert_eq!(url_for!(index, test = "b c").as_str(), "/b%20c/");
    // `url()` is the first rule's.
    assert_eq!(bp::something::url().as_str(), "/");
}

#[tokio::test]
async fn the_rules_of_a_view_are_one_endpoint() {
    let app = App::new().blueprint(bp::blueprint());
    let routes = app.routes();
    let mut rules: Vec<(String, &str)> = routes.iter().map(|r| (r.endpoint(), r.rule)).collect();
    rules.sort();
    assert_eq!(
        rules,
        [
            ("bp.something".to_owned(), "/"),
            ("bp.something".to_owned(), "/page/<page>"),
        ]
    );
}

// Different methods per rule, and a default given to a rule that has no parameter at
// all (Flask's `@app.route("/hello", defaults={"name": "World"})`).
#[get("/hello", defaults = { name = "World" })]
#[post("/hello/<name>")]
async fn hello(name: String) -> String {
    format!("Hello, {name}!")
}

#[tokio::test]
async fn each_rule_keeps_its_own_methods() {
    let client = TestClient::new(App::new().register(routes![hello]));
    assert_eq!(client.get("/hello").await.text(), "Hello, World!");
    assert_eq!(client.post("/hello/Ann").await.text(), "Hello, Ann!");
    assert_eq!(
        client.get("/hello/Ann").await.status(),
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(
        client.post("/hello").await.status(),
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[blueprint(of = bp, name = "bp2", prefix = "/v2")]
mod bp2 {}

#[tokio::test]
async fn a_copy_of_a_blueprint_serves_and_links_to_each_rule_of_its_views() {
    let client = TestClient::new(App::new().blueprint(bp2::blueprint()));
    assert_eq!(client.get("/v2/").await.text(), "1");
    assert_eq!(client.get("/v2/page/3").await.text(), "3");
    assert_eq!(url_for!(bp2::something).as_str(), "/v2/");
    assert_eq!(url_for!(bp2::something, page = 3).as_str(), "/v2/page/3");
}
