//! Flask's `tests/test_json.py` (and the JSON parts of `test_basic.py`), ported: JSON
//! bodies in, `Json` answers out.

use std::collections::BTreeMap;

use framework_core::prelude::*;
use framework_core::testing::TestClient;

#[post("/json")]
async fn post_json(Json(value): Json<serde_json::Value>) -> Json<serde_json::Value> {
    Json(value)
}

#[post("/add")]
async fn add(Json(value): Json<serde_json::Value>) -> String {
    (value["a"].as_i64().unwrap() + value["b"].as_i64().unwrap()).to_string()
}

#[post("/string")]
async fn string(Json(value): Json<String>) -> String {
    value
}

fn app() -> App {
    App::new().register(routes![post_json, add, string])
}

// Flask: test_bad_request_debug_message (the 400, in either mode)
#[tokio::test]
async fn an_empty_json_body_is_a_400() {
    let res = TestClient::new(app())
        .post("/json")
        .header("content-type", "application/json")
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

// Flask: test_json_bad_requests
#[tokio::test]
async fn a_malformed_json_body_is_a_400() {
    let res = TestClient::new(app())
        .post("/json")
        .header("content-type", "application/json")
        .body("malformed")
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

// Flask: test_json_custom_mimetypes
#[tokio::test]
async fn a_json_suffix_media_type_is_json() {
    let res = TestClient::new(app())
        .post("/string")
        .header("content-type", "application/x+json")
        .body("\"foo\"")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text(), "foo");
}

// Flask: test_json_attr
#[tokio::test]
async fn a_json_body_is_read_by_the_view() {
    let res = TestClient::new(app())
        .post("/add")
        .header("content-type", "application/json")
        .body(r#"{"a": 1, "b": 2}"#)
        .await;
    assert_eq!(res.text(), "3");
}

// Flask: test_jsonify_basic_types (parametrized over ten values)
#[tokio::test]
async fn basic_values_go_out_as_json() {
    let client = TestClient::new(app());
    for value in [
        serde_json::json!(0),
        serde_json::json!(-1),
        serde_json::json!(1),
        serde_json::json!(23),
        serde_json::json!(2.5),
        serde_json::json!("s"),
        serde_json::json!("longer string"),
        serde_json::json!(true),
        serde_json::json!(false),
        serde_json::Value::Null,
    ] {
        let res = client.post("/json").json(&value).await;
        assert_eq!(res.header("content-type"), Some("application/json"));
        assert_eq!(res.json::<serde_json::Value>(), value);
    }
}

fn dict() -> serde_json::Value {
    serde_json::json!({
        "a": 0, "b": 23, "c": 2.5, "d": "t", "e": "Hi", "f": true, "g": false,
        "h": ["test list", 10, false], "i": {"test": "dict"},
    })
}

#[get("/dict")]
async fn return_dict() -> Json<serde_json::Value> {
    Json(dict())
}

#[get("/array")]
async fn return_array() -> Json<serde_json::Value> {
    Json(serde_json::json!([
        0, 42, 2.5, "t", "hello", true, false, ["test list", 2, false], {"test": "dict"}
    ]))
}

// Flask: test_jsonify_dicts, test_jsonify_arrays
#[tokio::test]
async fn objects_and_arrays_go_out_as_json() {
    let client = TestClient::new(App::new().register(routes![return_dict, return_array]));
    let res = client.get("/dict").await;
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.json::<serde_json::Value>(), dict());
    let res = client.get("/array").await;
    assert_eq!(res.header("content-type"), Some("application/json"));
    let array = res.json::<Vec<serde_json::Value>>();
    assert_eq!(array.len(), 9);
    assert_eq!(array[7], serde_json::json!(["test list", 2, false]));
}

const THE_UUID: uuid::Uuid = uuid::Uuid::from_bytes([
    0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef,
]);

#[derive(Serialize)]
struct WithUuid {
    x: uuid::Uuid,
}

#[get("/uuid")]
async fn uuid_test() -> Json<WithUuid> {
    Json(WithUuid { x: THE_UUID })
}

// Flask: test_jsonify_uuid_types
#[tokio::test]
async fn a_uuid_goes_out_as_its_string() {
    let res = TestClient::new(App::new().register(routes![uuid_test]))
        .get("/uuid")
        .await;
    let x = res.json::<serde_json::Value>()["x"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(x, THE_UUID.to_string());
    assert_eq!(x.parse::<uuid::Uuid>().unwrap(), THE_UUID);
}

#[derive(Serialize)]
struct Data {
    name: &'static str,
}

#[get("/data")]
async fn data() -> Json<Data> {
    Json(Data { name: "Flask" })
}

// Flask: test_basic.py's test_json_dump_dataclass (a struct with `Serialize`), and
// test_jsonify_no_prettyprint (compact output, the default here)
#[tokio::test]
async fn a_struct_goes_out_as_a_compact_object() {
    let res = TestClient::new(App::new().register(routes![data]))
        .get("/data")
        .await;
    assert_eq!(res.text(), r#"{"name":"Flask"}"#);
}

#[get("/sorted")]
async fn sorted() -> Json<BTreeMap<String, &'static str>> {
    Json((0..20).map(|i| (i.to_string(), "foo")).collect())
}

// Flask: test_json_key_sorting (a sorted map keeps its order; Flask sorts as strings)
#[tokio::test]
async fn a_sorted_map_goes_out_in_order() {
    let res = TestClient::new(App::new().register(routes![sorted]))
        .get("/sorted")
        .await;
    let text = res.text();
    let keys: Vec<_> = text
        .trim_matches(|c| c == '{' || c == '}')
        .split(',')
        .map(|pair| pair.split(':').next().unwrap().trim_matches('"'))
        .collect();
    let mut expected: Vec<String> = (0..20).map(|i| i.to_string()).collect();
    expected.sort();
    assert_eq!(keys, expected);
}
