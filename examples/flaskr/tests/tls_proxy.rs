//! TLS at the proxy, really: nginx terminates HTTPS on 127.0.0.1 with a certificate
//! made by `openssl` for this run, in front of two flaskr instances in production
//! mode that share their sessions in Redis and trust nginx (`TRUSTED_PROXIES`). The
//! nginx site is `deploy/nginx.conf`, the file the deployment chapter of the guide
//! shows, with only its addresses and certificate paths replaced.
//!
//! The client connects from 127.0.0.2, nginx from 127.0.0.1, so the address the app
//! logs tells the two apart. Checked: the session cookie is `Secure`, HSTS is sent,
//! redirects stay on `https://` and the page's external URL is `https://`, the
//! app sees the client's address (also when the client forges `X-Forwarded-For`
//! through nginx), and forwarded headers sent straight to an instance are ignored.
#![forbid(unsafe_code)]

mod support;

use std::net::{IpAddr, Ipv4Addr};
use std::process::Command;

use reqwest::header::{COOKIE, LOCATION, SET_COOKIE, STRICT_TRANSPORT_SECURITY};
use support::{Instance, Jar};
use test_support::http::csrf_token;
use test_support::nginx::start_nginx_site;
use test_support::{free_port, temp_dir};

/// Where the test's client connects from: not nginx's address.
const CLIENT: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// The guide's nginx site with `from` replaced by `to`; `from` must be in it once.
fn replace_once(site: String, from: &str, to: &str) -> String {
    assert_eq!(
        site.matches(from).count(),
        1,
        "deploy/nginx.conf should contain `{from}` once"
    );
    site.replace(from, to)
}

/// A self-signed certificate for 127.0.0.1 (an IP address SAN, which the client
/// checks), and its key, in `dir`.
fn certificate(dir: &std::path::Path) -> (String, String) {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let status = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ])
        .args(["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1"])
        // A server's certificate, not a CA's (which clients refuse to talk to).
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl (cargo xtask test installs nginx, which needs it)");
    assert!(status.success(), "openssl req: {status}");
    (cert.display().to_string(), key.display().to_string())
}

/// A client from [`CLIENT`] that trusts `cert` and does not follow redirects.
fn client(cert: &str) -> reqwest::Client {
    let pem = std::fs::read(cert).unwrap();
    reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .local_address(CLIENT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Sends `request` with the jar's cookies; keeps the cookies of the answer, and
/// returns it with its `Set-Cookie` values and body.
async fn send(
    jar: &mut Jar,
    request: reqwest::RequestBuilder,
) -> (
    reqwest::StatusCode,
    reqwest::header::HeaderMap,
    Vec<String>,
    String,
) {
    let request = if jar.0.is_empty() {
        request
    } else {
        request.header(COOKIE, jar.header())
    };
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let set_cookie: Vec<String> = headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    jar.store(set_cookie.iter().map(String::as_str));
    (status, headers, set_cookie, response.text().await.unwrap())
}

/// A redirect's target, resolved as a browser resolves it against `from`.
fn target(from: &str, headers: &reqwest::header::HeaderMap) -> String {
    let location = headers[LOCATION].to_str().unwrap();
    reqwest::Url::parse(from)
        .unwrap()
        .join(location)
        .unwrap()
        .to_string()
}

#[tokio::test]
#[ignore = "needs redis and nginx: run via cargo xtask test"]
async fn behind_nginx_over_tls_the_app_sees_https_and_the_client() {
    let redis = std::env::var("REDIS_URL").expect("REDIS_URL: run via cargo xtask test");
    let dir = temp_dir("flaskr-tls");
    let (cert, key) = certificate(&dir);
    let database = dir.join("flaskr.sqlite").display().to_string();
    let settings = [
        ("APP_ENV", "production"),
        ("SECRET_KEY", "tls test key, the same on every instance"),
        ("SESSION_STORE", redis.as_str()),
        ("TRUSTED_PROXIES", "127.0.0.1"),
        ("FLASKR_DATABASE", database.as_str()),
    ];
    let (a, b, front) = (free_port(), free_port(), free_port());
    // One after the other: the first creates the tables.
    let instance_a = Instance::start(&dir, a, &settings);
    let instance_b = Instance::start(&dir, b, &settings);

    let site =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/nginx.conf")).unwrap();
    let site = replace_once(
        site,
        "server 127.0.0.1:5001;",
        &format!("server 127.0.0.1:{a};"),
    );
    let site = replace_once(
        site,
        "server 127.0.0.1:5002;",
        &format!("server 127.0.0.1:{b};"),
    );
    let site = replace_once(
        site,
        "listen 443 ssl;",
        &format!("listen 127.0.0.1:{front} ssl;"),
    );
    let site = replace_once(site, "/etc/ssl/certs/flaskr.pem", &cert);
    let site = replace_once(site, "/etc/ssl/private/flaskr.key", &key);
    let _nginx = start_nginx_site(&dir, front, &site);

    let https = format!("https://127.0.0.1:{front}");
    let web = client(&cert);
    let mut jar = Jar::default();

    // The first page: HSTS, and a session cookie that is Secure.
    let (status, headers, set_cookie, page) =
        send(&mut jar, web.get(format!("{https}/auth/register"))).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        headers[STRICT_TRANSPORT_SECURITY],
        framework_core::security::DEFAULT_HSTS
    );
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("session="))
        .unwrap_or_else(|| panic!("a session cookie: {set_cookie:?}"));
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax"] {
        assert!(
            session.split("; ").any(|a| a == attribute),
            "{attribute}: {session}"
        );
    }

    // Register, then log in: each redirect stays on the https origin.
    for (path, next) in [("/auth/register", "/auth/login"), ("/auth/login", "/")] {
        let token = csrf_token(&page_of(&mut jar, &web, &format!("{https}{path}")).await);
        let form = [
            ("csrf_token", token.as_str()),
            ("username", "ann"),
            ("password", "pw"),
        ];
        let from = format!("{https}{path}");
        let (status, headers, _, body) = send(&mut jar, web.post(&from).form(&form)).await;
        assert_eq!(status, 302, "{path}: {body}");
        assert_eq!(target(&from, &headers), format!("{https}{next}"));
        if let Some(absolute) = headers[LOCATION].to_str().unwrap().split_once("://") {
            assert_eq!(absolute.0, "https", "{headers:?}");
        }
    }

    // Logged in on both instances (round-robin), through the shared sessions; the
    // page's external URL is https, on the host the client asked for.
    for _ in 0..4 {
        let (status, headers, _, page) = send(&mut jar, web.get(format!("{https}/"))).await;
        assert_eq!(status, 200);
        assert!(page.contains("<span>ann</span>"), "not logged in: {page}");
        assert!(
            page.contains(&format!("<link rel=\"canonical\" href=\"{https}/\">")),
            "{page}"
        );
        assert!(headers.contains_key(STRICT_TRANSPORT_SECURITY));
    }

    // Under the prefix nginx also mounts the app at (`/blog/`, `X-Forwarded-Prefix`):
    // the links the app builds, its stylesheet and its redirects stay under it.
    let (status, _, _, page) = send(&mut jar, web.get(format!("{https}/blog/"))).await;
    assert_eq!(status, 200, "{page}");
    for link in [
        "href=\"/blog/create\"".to_owned(),
        "href=\"/blog/static/style.css\"".to_owned(),
        "href=\"/blog/auth/logout\"".to_owned(),
        format!("<link rel=\"canonical\" href=\"{https}/blog/\">"),
    ] {
        assert!(page.contains(&link), "{link}: {page}");
    }
    let (status, _, _, css) =
        send(&mut jar, web.get(format!("{https}/blog/static/style.css"))).await;
    assert_eq!(status, 200, "{css}");
    let (status, headers, _, _) =
        send(&mut Jar::default(), web.get(format!("{https}/blog/create"))).await;
    assert_eq!(status, 302);
    assert_eq!(headers[LOCATION].to_str().unwrap(), "/blog/auth/login");

    // A failed login through nginx with a forged X-Forwarded-For: the app logs the
    // client's address, not the forged one nginx passed along.
    let token = csrf_token(&page_of(&mut jar, &web, &format!("{https}/auth/login")).await);
    let form = [
        ("csrf_token", token.as_str()),
        ("username", "through-nginx"),
        ("password", "wrong"),
    ];
    let (status, ..) = send(
        &mut jar,
        web.post(format!("{https}/auth/login"))
            .header("x-forwarded-for", "203.0.113.9")
            .form(&form),
    )
    .await;
    assert_eq!(status, 200);
    let logs = || format!("{}{}", instance_a.logged(), instance_b.logged());
    let line = |logs: &str, needle: &str| {
        logs.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no log line with {needle}:\n{logs}"))
            .to_owned()
    };
    let logged_in = line(&logs(), "logged in");
    assert!(logged_in.contains("client=127.0.0.2"), "{logged_in}");
    let failed = line(&logs(), "\"through-nginx\"");
    assert!(failed.contains("client=127.0.0.2"), "{failed}");

    // Straight to an instance, the same forged headers are not believed: the client
    // is who connected, the scheme stays http, and there is no HSTS.
    let direct = format!("http://127.0.0.1:{a}");
    let mut jar = Jar::default();
    let forged = |request: reqwest::RequestBuilder| {
        request
            .header("x-forwarded-for", "203.0.113.7")
            .header("x-forwarded-proto", "https")
    };
    let (status, headers, _, page) = send(&mut jar, forged(web.get(format!("{direct}/")))).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("<link rel=\"canonical\" href=\"{direct}/\">")),
        "{page}"
    );
    assert!(
        !headers.contains_key(STRICT_TRANSPORT_SECURITY),
        "{headers:?}"
    );
    let (_, _, _, page) = send(&mut jar, forged(web.get(format!("{direct}/auth/login")))).await;
    let token = csrf_token(&page);
    let form = [
        ("csrf_token", token.as_str()),
        ("username", "straight-to-the-app"),
        ("password", "wrong"),
    ];
    let (status, ..) = send(
        &mut jar,
        forged(web.post(format!("{direct}/auth/login"))).form(&form),
    )
    .await;
    assert_eq!(status, 200);
    let failed = line(&instance_a.logged(), "\"straight-to-the-app\"");
    assert!(failed.contains("client=127.0.0.2"), "{failed}");
    assert!(!failed.contains("203.0.113.7"), "{failed}");

    drop(_nginx);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The body of a GET of `url`, which must be a 200.
async fn page_of(jar: &mut Jar, web: &reqwest::Client, url: &str) -> String {
    let (status, _, _, page) = send(jar, web.get(url)).await;
    assert_eq!(status, 200, "{url}: {page}");
    page
}
