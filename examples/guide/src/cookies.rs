//! Sessions chapter, cookies: plain, signed and private cookies.

// ANCHOR: cookies
// ANCHOR: uses
use framework_core::cookies::{Cookie, CookieJar, PrivateCookies, SameSite, SignedCookies};
use framework_core::prelude::*;
// ANCHOR_END: uses

/// Flask's `request.cookies.get("theme")` and `resp.set_cookie("theme", …)`: a plain
/// cookie, which the client can read and change.
#[get("/theme/<name>")]
pub async fn theme(name: String, jar: CookieJar) -> (CookieJar, String) {
    let before = jar
        .get("theme")
        .map_or("none".to_owned(), |c| c.value().to_owned());
    let cookie = Cookie::build(("theme", name))
        .path("/")
        .same_site(SameSite::Lax);
    (jar.add(cookie), format!("theme was {before}"))
}

/// A signed cookie: readable by the client, but a changed value is not there.
#[get("/visits")]
pub async fn visits(SignedCookies(jar): SignedCookies) -> (SignedCookies, String) {
    let visits: u32 = jar
        .get("visits")
        .and_then(|c| c.value().parse().ok())
        .unwrap_or(0)
        + 1;
    let jar = jar.add(Cookie::new("visits", visits.to_string()));
    (SignedCookies(jar), format!("visit number {visits}"))
}

/// A private cookie: encrypted, so the client can neither read nor change it.
#[post("/remember/<code>")]
pub async fn remember(code: String, PrivateCookies(jar): PrivateCookies) -> impl IntoResponse {
    let cookie = Cookie::build(("code", code)).http_only(true);
    (jar.add(cookie), "remembered")
}

#[get("/recall")]
pub async fn recall(PrivateCookies(jar): PrivateCookies) -> String {
    jar.get("code")
        .map_or("nothing".to_owned(), |c| c.value().to_owned())
}
// ANCHOR_END: cookies

pub fn app() -> App {
    App::new().register(routes![theme, visits, remember, recall])
}
