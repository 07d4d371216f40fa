//! The page a failure answers with in development (`DEBUG`, on by default there and
//! never in production): the error and every error that caused it (its `source()`
//! chain), the request, and the route that took it — Flask's debugger page without
//! the console. Everything shown is escaped.

use std::fmt::Write;

use http::Method;

use super::Error;
use super::page::escape;
use crate::routing::RouteDef;

/// The app's routes as the debug page names them, looked up by the path pattern
/// axum matched (`/users/{id}`) and the method. Built only when `DEBUG` is on.
#[derive(Debug, Default)]
pub(crate) struct DebugRoutes {
    routes: Vec<DebugRoute>,
}

#[derive(Debug)]
struct DebugRoute {
    /// The pattern as axum matches it, and its spelling with the other trailing slash
    /// when the route answers both.
    axum_paths: Vec<String>,
    methods: &'static [&'static str],
    rule: &'static str,
    endpoint: String,
    file: &'static str,
    line: u32,
}

impl DebugRoutes {
    /// Adds `def`, which axum matches as `axum_path`.
    pub(crate) fn add(&mut self, def: &RouteDef, axum_path: String) {
        let endpoint = def.endpoint();
        if let Some(known) = self.routes.iter_mut().find(|r| r.endpoint == endpoint) {
            known.axum_paths.push(axum_path);
            return;
        }
        self.routes.push(DebugRoute {
            axum_paths: vec![axum_path],
            methods: def.methods,
            rule: def.rule,
            endpoint,
            file: def.location.file,
            line: def.location.line,
        });
    }

    fn find(&self, matched: &str, method: &Method) -> Option<&DebugRoute> {
        let method = if method == Method::HEAD {
            "GET"
        } else {
            method.as_str()
        };
        self.routes
            .iter()
            .filter(|r| r.axum_paths.iter().any(|p| p == matched))
            .find(|r| r.methods.contains(&method))
    }
}

/// What the debug page says about the request.
pub(crate) struct Request<'a> {
    pub(crate) method: &'a Method,
    pub(crate) uri: &'a http::Uri,
    /// The pattern axum matched, if a route did.
    pub(crate) matched: Option<&'a str>,
}

/// The page for `error`, which failed `request`.
pub(crate) fn html(error: &Error, request: &Request<'_>, routes: &DebugRoutes) -> String {
    let status = error.status();
    let reason = status.canonical_reason().unwrap_or("Error");
    let mut page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<meta charset=\"utf-8\">\n\
         <title>{code} {reason} (development)</title>\n\
         <style>body{{font-family:sans-serif;margin:2em;max-width:60em}}\
         code,pre{{background:#f4f4f4;padding:.1em .3em}}pre{{padding:1em;overflow:auto}}\
         .note{{color:#555}}</style>\n\
         <h1>{reason}</h1>\n",
        code = status.as_u16(),
    );
    let target = request
        .uri
        .path_and_query()
        .map_or_else(|| request.uri.path(), |p| p.as_str());
    let _ = writeln!(
        page,
        "<p>While answering <code>{} {}</code>",
        escape(request.method.as_str()),
        escape(target)
    );
    match request
        .matched
        .map(|matched| (matched, routes.find(matched, request.method)))
    {
        Some((_, Some(route))) => {
            let _ = writeln!(
                page,
                ", route <code>{}</code>, endpoint <code>{}</code> ({}:{}).</p>",
                escape(route.rule),
                escape(&route.endpoint),
                escape(route.file),
                route.line
            );
        }
        Some((matched, None)) => {
            let _ = writeln!(page, ", path <code>{}</code>.</p>", escape(matched));
        }
        None => page.push_str(", which no route matched.</p>\n"),
    }

    page.push_str("<h2>Error</h2>\n<ol>\n");
    for cause in chain(error) {
        let _ = writeln!(page, "<li>{}</li>", escape(&cause));
    }
    page.push_str("</ol>\n");
    if let Some(source) = error.source_error() {
        let _ = writeln!(
            page,
            "<h2>Details</h2>\n<pre>{}</pre>",
            escape(&format!("{source:#?}"))
        );
    }
    page.push_str(
        "<p class=\"note\">This page is shown because the app runs with <code>DEBUG</code> \
         on, as it does in development. In production (<code>APP_ENV=production</code>) \
         or with <code>DEBUG=false</code> the client gets the plain error page; the error \
         is logged either way.</p>\n",
    );
    page
}

/// The error's text, then the text of each error that caused it, outermost first.
fn chain(error: &Error) -> Vec<String> {
    let Some(source) = error.source_error() else {
        return vec![error.to_string()];
    };
    let mut texts = Vec::new();
    if let Some(message) = error.message() {
        texts.push(message.to_owned());
    }
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(source);
    while let Some(cause) = next {
        texts.push(cause.to_string());
        next = cause.source();
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(std::io::Error);

    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("loading <the> config")
        }
    }

    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn the_page_shows_the_chain_and_the_request_escaped() {
        let error = Error::from(Outer(std::io::Error::other("disk <full>")));
        let uri: http::Uri = "/a?x=1&y=2".parse().unwrap();
        let request = Request {
            method: &Method::GET,
            uri: &uri,
            matched: None,
        };
        let page = html(&error, &request, &DebugRoutes::default());
        assert!(
            page.contains("<li>loading &lt;the&gt; config</li>"),
            "{page}"
        );
        assert!(page.contains("<li>disk &lt;full&gt;</li>"), "{page}");
        assert!(page.contains("<code>GET /a?x=1&amp;y=2</code>"), "{page}");
        assert!(page.contains("which no route matched"), "{page}");
    }
}
