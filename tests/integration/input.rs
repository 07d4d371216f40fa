//! Validated input: JSON and query errors as RFC 9457 problems, forms re-rendered
//! with their errors or a default 422 page, malformed bodies as 400/415, the body
//! limit as 413, uploads with per-file limits, and `secure_filename`.

use framework_core::input::{FieldErrors, InputError, Problem, secure_filename};
use framework_core::prelude::*;
use framework_core::testing::TestClient;

#[derive(Debug, Deserialize, Serialize, Validate)]
struct NewUser {
    #[validate(length(min = 3, max = 20))]
    name: String,
    #[validate(email(message = "Enter a valid email address."))]
    email: String,
    #[validate(range(min = 18))]
    age: u32,
}

#[post("/api/users")]
async fn create_user(ValidJson(user): ValidJson<NewUser>) -> (StatusCode, String) {
    (
        StatusCode::CREATED,
        format!("created {} ({})", user.name, user.age),
    )
}

#[derive(Debug, Deserialize, Validate)]
struct Search {
    #[validate(length(min = 1, message = "Say what to look for."))]
    q: String,
    #[validate(range(min = 1, max = 100))]
    per_page: Option<u32>,
}

#[get("/api/search")]
async fn search(ValidQuery(search): ValidQuery<Search>) -> String {
    format!("{} x{}", search.q, search.per_page.unwrap_or(10))
}

#[derive(Debug, Deserialize, Serialize, Validate)]
struct Register {
    #[validate(length(min = 1, message = "Username is required."))]
    username: String,
    #[validate(length(min = 1, message = "Password is required."))]
    password: String,
}

/// Flaskr's register page: shows the form on GET, the first error after a bad POST
/// (with the name filled in again), redirects after a good one.
#[route("/auth/register", methods = [GET, POST])]
async fn register(form: Option<FormResult<Register>>) -> Response {
    let page = |error: &str, username: &str| {
        Html(format!(
            "<p class=\"flash\">{error}</p><input name=\"username\" value=\"{username}\">"
        ))
    };
    match form.map(FormResult::into_result) {
        None => page("", "").into_response(),
        Some(Ok(user)) => redirect_see_other(format!("/auth/login?new={}", user.username)),
        Some(Err(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            page(
                errors.first_error().unwrap_or_default(),
                errors.value("username").unwrap_or_default(),
            ),
        )
            .into_response(),
    }
}

#[post("/comments")]
async fn comment(ValidForm(form): ValidForm<Register>) -> String {
    format!("comment by {}", form.username)
}

#[post("/raw-form")]
async fn raw_form(Form(form): Form<std::collections::HashMap<String, String>>) -> String {
    format!("{} fields", form.len())
}

fn app() -> App {
    App::new().register(routes![create_user, search, register, comment, raw_form])
}

fn client() -> TestClient {
    TestClient::new(app())
}

fn problem(res: &framework_core::testing::TestResponse) -> serde_json::Value {
    assert_eq!(
        res.header("content-type"),
        Some("application/problem+json"),
        "{}",
        res.text()
    );
    res.json()
}

// --- JSON ---

#[tokio::test]
async fn valid_json_reaches_the_handler() {
    let res = client()
        .post("/api/users")
        .json(&serde_json::json!({"name": "ferris", "email": "f@rust.org", "age": 30}))
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.text(), "created ferris (30)");
}

#[tokio::test]
async fn invalid_json_is_a_422_problem_listing_every_field_in_order() {
    let res = client()
        .post("/api/users")
        .json(&serde_json::json!({"name": "x", "email": "nope", "age": 3}))
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = problem(&res);
    assert_eq!(body["type"], "about:blank");
    assert_eq!(body["title"], "Unprocessable Entity");
    assert_eq!(body["status"], 422);
    assert_eq!(body["detail"], "3 fields are invalid.");
    let errors = body["errors"].as_array().unwrap();
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "email", "age"], "declaration order");
    assert_eq!(errors[0]["code"], "length");
    assert_eq!(
        errors[0]["message"],
        "name must be between 3 and 20 characters long."
    );
    assert_eq!(errors[0]["params"]["min"], 3);
    assert!(
        errors[0]["params"].get("value").is_none(),
        "no echo of input"
    );
    assert_eq!(errors[1]["code"], "email");
    assert_eq!(errors[1]["message"], "Enter a valid email address.");
    assert_eq!(errors[2]["message"], "age must be at least 18.");
}

#[tokio::test]
async fn malformed_json_is_a_400_problem() {
    let c = client();
    let res = c
        .post("/api/users")
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body = problem(&res);
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.starts_with("The body is not valid JSON"), "{detail}");

    // A missing field and a wrong type name the field.
    let res = c
        .post("/api/users")
        .json(&serde_json::json!({"name": "ferris", "email": "f@rust.org"}))
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(
        problem(&res)["detail"]
            .as_str()
            .unwrap()
            .contains("missing field `age`")
    );
    let res = c
        .post("/api/users")
        .json(&serde_json::json!({"name": "ferris", "email": "f@rust.org", "age": "old"}))
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(problem(&res)["detail"].as_str().unwrap().contains("`age`"));

    // Bytes that are not UTF-8.
    let res = c
        .post("/api/users")
        .header("content-type", "application/json")
        .body(&b"{\"name\": \"\xff\xfe\"}"[..])
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    problem(&res);
}

#[tokio::test]
async fn json_with_the_wrong_content_type_is_415() {
    let c = client();
    let body = r#"{"name": "ferris", "email": "f@rust.org", "age": 30}"#;
    let res = c
        .post("/api/users")
        .header("content-type", "text/plain")
        .body(body)
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let detail = problem(&res)["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("`text/plain`"), "{detail}");
    let res = c.post("/api/users").body(body).send().await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // `application/*+json` and parameters are fine.
    let res = c
        .post("/api/users")
        .header(
            "content-type",
            "application/merge-patch+json; charset=utf-8",
        )
        .body(body)
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

// --- Query ---

#[tokio::test]
async fn query_is_validated() {
    let c = client();
    assert_eq!(
        c.get("/api/search?q=rust&per_page=5").send().await.text(),
        "rust x5"
    );
    assert_eq!(
        c.get("/api/search?q=a+b%21").send().await.text(),
        "a b! x10"
    );

    let res = c.get("/api/search?q=&per_page=500").send().await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = problem(&res);
    assert_eq!(body["errors"][0]["field"], "q");
    assert_eq!(body["errors"][0]["message"], "Say what to look for.");
    assert_eq!(body["errors"][1]["field"], "per_page");

    let res = c.get("/api/search?per_page=5").send().await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(
        problem(&res)["detail"]
            .as_str()
            .unwrap()
            .contains("missing field `q`")
    );

    let res = c.get("/api/search?q=x&per_page=lots").send().await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    let res = c.get("/api/search?q=%FF").send().await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(problem(&res)["detail"].as_str().unwrap().contains("UTF-8"));
}

// --- Forms ---

#[tokio::test]
async fn form_result_gives_the_handler_the_first_error_and_the_values() {
    let c = client();
    let res = c.get("/auth/register").send().await;
    assert_eq!(res.status(), StatusCode::OK, "GET shows the empty form");
    assert!(res.text().contains("value=\"\""));

    let res = c
        .post("/auth/register")
        .form(&Register {
            username: "ferris".into(),
            password: String::new(),
        })
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.text(),
        "<p class=\"flash\">Password is required.</p><input name=\"username\" value=\"ferris\">"
    );

    // Both empty: the first field's error comes first.
    let res = c
        .post("/auth/register")
        .form(&[("username", ""), ("password", "")])
        .send()
        .await;
    assert!(res.text().contains("Username is required."));

    let res = c
        .post("/auth/register")
        .form(&[("username", "ferris"), ("password", "crab")])
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.location(), Some("/auth/login?new=ferris"));
}

#[tokio::test]
async fn valid_form_answers_invalid_input_with_a_422_page() {
    let c = client();
    let res = c
        .post("/comments")
        .form(&[("username", "ferris"), ("password", "x")])
        .send()
        .await;
    assert_eq!(res.text(), "comment by ferris");

    let res = c
        .post("/comments")
        .form(&[("username", ""), ("password", "")])
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    let page = res.text();
    assert!(
        page.contains("<li><strong>username</strong>: Username is required.</li>"),
        "{page}"
    );
    assert!(page.contains("Password is required."));
}

#[tokio::test]
async fn the_422_page_escapes_what_it_shows() {
    #[derive(Deserialize, Validate)]
    struct Tag {
        #[validate(length(max = 3, message = "<script>alert(1)</script> is too long"))]
        name: String,
    }
    #[post("/tags")]
    async fn tag(ValidForm(tag): ValidForm<Tag>) -> String {
        tag.name
    }
    let res = TestClient::new(App::new().register(routes![tag]))
        .post("/tags")
        .form(&[("name", "long name")])
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text();
    assert!(!page.contains("<script>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; is too long"));
}

#[tokio::test]
async fn malformed_forms_are_400_or_415_with_a_message() {
    let c = client();
    // Not a form.
    let res = c
        .post("/comments")
        .json(&serde_json::json!({"username": "a", "password": "b"}))
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        res.text().contains("application/x-www-form-urlencoded"),
        "{}",
        res.text()
    );
    // A missing field.
    let res = c.post("/comments").form(&[("username", "a")]).send().await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(
        res.text().contains("missing field `password`"),
        "{}",
        res.text()
    );
    // Percent-encoded bytes that are not UTF-8.
    let res = c
        .post("/comments")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("username=%C3%28&password=x")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().contains("UTF-8"), "{}", res.text());
    // The same for FormResult: only validation errors reach the handler.
    let res = c
        .post("/auth/register")
        .header("content-type", "text/plain")
        .body("username=a")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

// --- Error handlers see input errors ---

#[errorhandler(422)]
async fn unprocessable(error: Error) -> (StatusCode, String) {
    let fields = match error.downcast::<InputError>() {
        Ok(input) => input
            .field_errors()
            .iter()
            .map(|e| e.field.clone())
            .collect::<Vec<_>>()
            .join(","),
        Err(_) => "?".to_owned(),
    };
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        format!("handled 422: {fields}"),
    )
}

#[errorhandler(InputError)]
async fn bad_input(error: InputError) -> Response {
    if error.status() == StatusCode::UNPROCESSABLE_ENTITY {
        // Let the form re-render come through the page of our own.
        let form = error
            .form_errors()
            .map(|f| f.to_string())
            .unwrap_or_default();
        return (StatusCode::UNPROCESSABLE_ENTITY, format!("typed: {form}")).into_response();
    }
    (
        error.status(),
        format!("typed {}: {}", error.status().as_u16(), error.message()),
    )
        .into_response()
}

#[tokio::test]
async fn errorhandler_422_takes_over() {
    let c = TestClient::new(app().register(routes![unprocessable]));
    let res = c
        .post("/api/users")
        .json(&serde_json::json!({"name": "x", "email": "x", "age": 1}))
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.text(), "handled 422: name,email,age");
}

#[tokio::test]
async fn a_typed_errorhandler_gets_the_input_error() {
    let c = TestClient::new(app().register(routes![bad_input]));
    let res = c
        .post("/comments")
        .form(&[("username", ""), ("password", "")])
        .send()
        .await;
    assert_eq!(
        res.text(),
        "typed: Username is required. Password is required."
    );
    let res = c.post("/comments").body("x").send().await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        res.text().starts_with("typed 415: Expected a form"),
        "{}",
        res.text()
    );
}

// --- Body limit ---

#[tokio::test]
async fn bodies_over_one_mib_are_413_by_default() {
    let c = client();
    let big = format!(
        r#"{{"name": "{}", "email": "f@rust.org", "age": 30}}"#,
        "x".repeat(1024 * 1024)
    );
    let res = c
        .post("/api/users")
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let detail = problem(&res)["detail"].as_str().unwrap().to_owned();
    assert!(
        detail.contains("larger than this server accepts"),
        "{detail}"
    );

    // Just under the limit is read (and then refused by validation).
    let fits = format!(
        r#"{{"name": "{}", "email": "f@rust.org", "age": 30}}"#,
        "x".repeat(1000 * 1024)
    );
    let res = c
        .post("/api/users")
        .header("content-type", "application/json")
        .body(fits)
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn max_content_length_sets_the_limit_for_every_extractor() {
    let c = TestClient::new(app().max_content_length(1024));
    let long = "x".repeat(2000);
    let res = c
        .post("/comments")
        .form(&[("username", long.as_str()), ("password", "x")])
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.text().contains("larger than this server accepts"),
        "{}",
        res.text()
    );
    // axum's own `Form` is limited too.
    let res = c
        .post("/raw-form")
        .form(&[("a", long.as_str())])
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Small bodies pass.
    let res = c.post("/raw-form").form(&[("a", "b")]).send().await;
    assert_eq!(res.text(), "1 fields");
}

// --- Multipart uploads ---

const BOUNDARY: &str = "XyZzY";

fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file_name, content) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match file_name {
            Some(file) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn upload_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fw-uploads-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[derive(Clone)]
struct UploadDir(std::path::PathBuf);

#[post("/upload")]
async fn upload(Extension(dir): Extension<UploadDir>, form: Multipart) -> Result<String> {
    let mut form = form.max_file_size(1000).max_field_size(100);
    let mut out = Vec::new();
    while let Some(field) = form.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        if field.is_file() {
            let safe = field.safe_file_name().unwrap_or_else(|| "unnamed".into());
            let written = field.save(dir.0.join(&safe)).await?;
            out.push(format!("{name}: {safe} ({written} bytes)"));
        } else {
            out.push(format!("{name} = {}", field.text().await?));
        }
    }
    Ok(out.join("\n"))
}

fn upload_client(dir: &std::path::Path) -> TestClient {
    TestClient::new(
        App::new()
            .register(routes![upload])
            .extension(UploadDir(dir.to_owned())),
    )
}

fn post_multipart<'c>(
    c: &'c TestClient,
    body: Vec<u8>,
) -> framework_core::testing::TestRequest<'c> {
    c.post("/upload")
        .header(
            "content-type",
            &format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
}

#[tokio::test]
async fn uploads_are_saved_under_a_safe_name() {
    let dir = upload_dir("saved");
    let c = upload_client(&dir);
    let body = multipart(&[
        ("title", None, b"holiday"),
        ("photo", Some("../../etc/My photo.png"), &[7u8; 600]),
    ]);
    let res = post_multipart(&c, body).send().await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text());
    assert_eq!(
        res.text(),
        "title = holiday\nphoto: etc_My_photo.png (600 bytes)"
    );
    assert_eq!(
        std::fs::read(dir.join("etc_My_photo.png")).unwrap(),
        [7u8; 600]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_file_over_its_limit_is_413_and_not_kept() {
    let dir = upload_dir("too-big");
    let c = upload_client(&dir);
    let body = multipart(&[("photo", Some("big.bin"), &[1u8; 5000])]);
    let res = post_multipart(&c, body).send().await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.text()
            .contains("The file `big.bin` (field `photo`) is larger than 1000 bytes."),
        "{}",
        res.text()
    );
    assert!(!dir.join("big.bin").exists(), "the partial file is removed");

    let body = multipart(&[("title", None, &[b'a'; 200])]);
    let res = post_multipart(&c, body).send().await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.text()
            .contains("The field `title` is larger than 100 bytes.")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn uploads_that_are_not_multipart_or_broken_are_refused() {
    let dir = upload_dir("broken");
    let c = upload_client(&dir);
    let res = c.post("/upload").form(&[("a", "b")]).send().await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(res.text().contains("multipart/form-data"));

    let res = c
        .post("/upload")
        .header("content-type", "multipart/form-data")
        .body("x")
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "no boundary");

    let res = post_multipart(&c, b"--XyZzY\r\nbroken".to_vec())
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().contains("malformed"), "{}", res.text());

    let body = multipart(&[("title", None, b"\xff\xfe")]);
    let res = post_multipart(&c, body).send().await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().contains("not valid UTF-8"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_upload_over_max_content_length_is_413() {
    let dir = upload_dir("request-limit");
    let c = TestClient::new(
        App::new()
            .register(routes![upload])
            .extension(UploadDir(dir.clone()))
            .max_content_length(2000),
    );
    let body = multipart(&[
        ("a", Some("a.bin"), &[0u8; 900]),
        ("b", Some("b.bin"), &[0u8; 900]),
        ("c", Some("c.bin"), &[0u8; 900]),
    ]);
    let res = post_multipart(&c, body).send().await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.text().contains("larger than this server accepts"),
        "{}",
        res.text()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// --- secure_filename and helpers ---

#[test]
fn secure_filename_matches_werkzeugs_examples() {
    assert_eq!(secure_filename("My cool movie.mov"), "My_cool_movie.mov");
    assert_eq!(secure_filename("../../../etc/passwd"), "etc_passwd");
    assert_eq!(
        secure_filename("i contain cool \u{fc}ml\u{e4}uts.txt"),
        "i_contain_cool_umlauts.txt"
    );
    assert_eq!(secure_filename("NUL.tar.gz"), "_NUL.tar.gz");
    assert_eq!(secure_filename("..."), "");
}

#[test]
fn problems_and_field_errors_are_usable_by_hand() {
    let mut errors = FieldErrors::new();
    errors.push(framework_core::input::FieldError::new(
        "email",
        "taken",
        "This email is already registered.",
    ));
    let response = Problem::new(StatusCode::CONFLICT)
        .with_detail("Already there.")
        .with_errors(errors)
        .into_response();
    assert_eq!(response.status(), StatusCode::CONFLICT);
}

#[derive(Debug, Deserialize, Validate)]
struct Order {
    #[validate(length(min = 1))]
    customer: String,
    #[validate(nested)]
    lines: Vec<Line>,
}

#[derive(Debug, Deserialize, Validate)]
struct Line {
    #[validate(range(min = 1))]
    quantity: u32,
}

#[post("/orders")]
async fn order(ValidJson(order): ValidJson<Order>) -> String {
    format!("{} lines", order.lines.len())
}

#[tokio::test]
async fn nested_errors_have_paths() {
    let c = TestClient::new(App::new().register(routes![order]));
    let res = c
        .post("/orders")
        .json(&serde_json::json!({"customer": "", "lines": [{"quantity": 1}, {"quantity": 0}]}))
        .send()
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = problem(&res);
    assert_eq!(body["errors"][0]["field"], "customer");
    assert_eq!(body["errors"][1]["field"], "lines[1].quantity");
    assert_eq!(
        body["errors"][1]["message"],
        "lines[1].quantity must be at least 1."
    );
}
