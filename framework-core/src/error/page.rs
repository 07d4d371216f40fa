//! The small HTML pages errors answer with when no error handler takes them, as Flask
//! (Werkzeug) answers: `text/html; charset=utf-8`, a title, a heading and one line.

use http::StatusCode;

/// `text/html; charset=utf-8`, the type of every default page.
pub(crate) const HTML: &str = "text/html; charset=utf-8";

/// The page for `status`: its reason as title and heading, then `message` if the error
/// has one (escaped), or a sentence saying what the status means.
pub(crate) fn html(status: StatusCode, message: Option<&str>) -> String {
    let reason = status.canonical_reason().unwrap_or("Error");
    let text = match message {
        Some(message) => escape(message),
        None => description(status).to_owned(),
    };
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<title>{code} {reason}</title>\n<h1>{reason}</h1>\n<p>{text}</p>\n",
        code = status.as_u16()
    )
}

/// What a status means, in a sentence for the person who sees the page.
fn description(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "The request could not be understood by the server.",
        401 => "You need to log in to see this page.",
        403 => "You are not allowed to see this page.",
        404 => "There is nothing at this address. If you typed it, please check the spelling.",
        405 => "This address does not accept that method.",
        406 => "The server cannot answer in any of the formats the request accepts.",
        408 => "The server stopped waiting for the request.",
        409 => "The request conflicts with the current state of the resource.",
        410 => "What was here has been removed for good.",
        411 => "The request must say how long its body is.",
        412 => "A precondition of the request does not hold.",
        413 => "The request's body is larger than the server accepts.",
        414 => "The address is longer than the server accepts.",
        415 => "The server does not accept the request's media type.",
        416 => "The requested range cannot be served.",
        417 => "The server cannot meet the request's expectation.",
        418 => "The server is a teapot and will not brew coffee.",
        422 => "The request was well formed but its content could not be accepted.",
        423 => "The resource is locked.",
        424 => "The request depended on another request that failed.",
        428 => "The request must be conditional.",
        429 => "Too many requests were sent; please wait before trying again.",
        431 => "The request's header fields are larger than the server accepts.",
        451 => "This resource cannot be shown for legal reasons.",
        500 => "The server met an error and could not complete the request.",
        501 => "The server does not support what the request asks for.",
        502 => "The server received a bad answer from a server it depends on.",
        503 => "The service is not available right now; please try again later.",
        504 => "A server this one depends on did not answer in time.",
        505 => "The server does not support the request's HTTP version.",
        _ if status.is_client_error() => "The request could not be served.",
        _ => "The server could not complete the request.",
    }
}

/// HTML-escapes text for the default pages.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_has_the_status_and_an_escaped_message() {
        let page = html(StatusCode::FORBIDDEN, Some("<b>not yours</b>"));
        assert!(page.contains("<title>403 Forbidden</title>"));
        assert!(page.contains("<h1>Forbidden</h1>"));
        assert!(page.contains("&lt;b&gt;not yours&lt;/b&gt;"));
    }

    #[test]
    fn without_a_message_the_page_says_what_the_status_means() {
        let page = html(StatusCode::NOT_FOUND, None);
        assert!(page.contains("<p>There is nothing at this address."));
    }
}
