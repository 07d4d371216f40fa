//! The test client itself: cookies kept across requests, redirects followed only when
//! asked (303 turns into GET, 307 keeps the method and body), form and JSON bodies.

use framework_core::prelude::*;
use framework_core::testing::TestClient;
use http::header::SET_COOKIE;

#[get("/set")]
async fn set() -> Response {
    ([(SET_COOKIE, "flavour=oat; Path=/; HttpOnly")], "set").into_response()
}

#[get("/read")]
async fn read(headers: HeaderMap) -> String {
    headers
        .get("cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none")
        .to_owned()
}

#[get("/clear")]
async fn clear() -> Response {
    ([(SET_COOKIE, "flavour=; Path=/; Max-Age=0")], "cleared").into_response()
}

#[post("/see-other")]
async fn see_other() -> Response {
    (StatusCode::SEE_OTHER, [(http::header::LOCATION, "/echo")]).into_response()
}

#[post("/temporary")]
async fn temporary() -> Response {
    (
        StatusCode::TEMPORARY_REDIRECT,
        [(http::header::LOCATION, "/echo")],
    )
        .into_response()
}

#[route("/echo", methods = [GET, POST])]
async fn echo(method: Method, body: String) -> String {
    format!("{method} {body}")
}

#[derive(Serialize, Deserialize)]
struct Item {
    name: String,
    count: u32,
}

#[post("/form")]
async fn form(Form(item): Form<Item>) -> String {
    format!("{} x{}", item.name, item.count)
}

#[post("/json")]
async fn json(Json(item): Json<Item>) -> Json<Item> {
    Json(Item {
        name: item.name.to_uppercase(),
        count: item.count + 1,
    })
}

fn app() -> App {
    App::new().register(routes![
        set, read, clear, see_other, temporary, echo, form, json
    ])
}

#[tokio::test]
async fn cookies_round_trip_through_the_jar() {
    let client = TestClient::new(app());
    assert_eq!(client.get("/read").await.text(), "none");
    client.get("/set").await;
    assert_eq!(client.cookie("flavour").as_deref(), Some("oat"));
    assert_eq!(client.get("/read").await.text(), "flavour=oat");
    client.get("/clear").await;
    assert_eq!(client.get("/read").await.text(), "none");
}

#[tokio::test]
async fn redirects_are_returned_unless_following_is_asked_for() {
    let client = TestClient::new(app());
    let response = client.post("/see-other").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.location(), Some("/echo"));
}

#[tokio::test]
async fn see_other_is_followed_with_a_get() {
    let client = TestClient::new(app()).follow_redirects(true);
    let response = client.post("/see-other").body("payload").await;
    assert_eq!(response.text(), "GET ");
    assert_eq!(response.url(), "/echo");
    assert_eq!(response.history(), ["/see-other"]);
}

#[tokio::test]
async fn temporary_redirect_keeps_method_and_body() {
    let client = TestClient::new(app());
    let response = client
        .post("/temporary")
        .body("payload")
        .follow_redirects()
        .await;
    assert_eq!(response.text(), "POST payload");
}

#[tokio::test]
async fn form_and_json_bodies() {
    let client = app().test_client();
    let item = Item {
        name: "tea".into(),
        count: 2,
    };
    assert_eq!(client.post("/form").form(&item).await.text(), "tea x2");
    let back: Item = client.post("/json").json(&item).await.json();
    assert_eq!((back.name.as_str(), back.count), ("TEA", 3));
}

#[get("/environ")]
async fn environ(
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    uri: framework_core::http::Uri,
    headers: HeaderMap,
) -> String {
    let host = headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    format!("{addr} {} {host}", uri.scheme_str().unwrap_or("http"))
}

#[tokio::test]
async fn a_client_without_cookies_neither_keeps_nor_sends_them() {
    let client = TestClient::new(App::new().register(routes![set, read])).without_cookies();
    client.get("/set").await;
    assert_eq!(client.cookie("flavour"), None);
    assert_eq!(client.get("/read").await.text(), "none");
}

#[tokio::test]
async fn the_environ_can_be_overridden_per_client_and_per_request() {
    let client = TestClient::new(App::new().register(routes![environ]))
        .remote_addr("203.0.113.7:4000".parse().unwrap());
    assert_eq!(
        client.get("/environ").await.text(),
        "203.0.113.7:4000 http localhost"
    );
    let res = client
        .get("/environ")
        .remote_addr("[2001:db8::1]:443".parse().unwrap())
        .host("example.com")
        .https()
        .await;
    assert_eq!(res.text(), "[2001:db8::1]:443 https example.com");
}
