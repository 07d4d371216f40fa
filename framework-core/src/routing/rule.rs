//! The route path grammar, shared by the macros (at compile time) and the runtime.
//!
//! This file is plain Rust with no dependencies: `framework-macros` includes it with
//! `#[path]`, so a path is parsed the same way, with the same error texts, on both
//! sides.
//!
//! A rule is `/` followed by `/`-separated segments. A segment is literal text, or a
//! parameter that fills the whole segment: `<name>` for one segment, or `<path:name>`
//! for the rest of the path (last segment only). A rule may end with `/`.

use std::fmt;

/// One `/`-separated piece of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Text matched as is.
    Literal(String),
    /// A parameter; `rest` is true for `<path:name>`, which matches the rest of the path.
    Param { name: String, rest: bool },
}

/// A parsed route rule such as `/users/<id>/posts/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The segments in order (empty for `/`).
    pub segments: Vec<Segment>,
    /// Whether the rule ends with `/` (and so `/path` redirects to `/path/`).
    pub trailing_slash: bool,
}

/// Why a rule does not parse: a message in rustc's style, an optional help line, and
/// the offending fragment of the rule (quoted in the message too, because a compile
/// error can only point at the whole string literal on stable Rust).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

const PARAM_HELP: &str = "parameters look like `<name>`, or `<path:name>` for the rest of the path, e.g. \"/users/<id>\"";

fn err(message: String, help: Option<&str>) -> RuleError {
    RuleError {
        message,
        help: help.map(str::to_owned),
    }
}

impl Rule {
    /// Parses a rule, reporting the first problem.
    pub fn parse(text: &str) -> Result<Rule, RuleError> {
        if !text.starts_with('/') {
            return Err(err(
                format!("route path must start with `/`, found \"{text}\""),
                Some("write it as an absolute path, e.g. \"/users/<id>\""),
            ));
        }
        if text == "/" {
            return Ok(Rule {
                segments: Vec::new(),
                trailing_slash: false,
            });
        }
        let body = text.strip_prefix('/').unwrap_or(text);
        let trailing_slash = body.ends_with('/');
        let body = body.strip_suffix('/').unwrap_or(body);
        let mut segments = Vec::new();
        let pieces: Vec<&str> = body.split('/').collect();
        for (index, piece) in pieces.iter().enumerate() {
            if piece.is_empty() {
                let fixed = normalise_slashes(text);
                return Err(RuleError {
                    message: format!("route path cannot contain empty segments: \"{text}\""),
                    help: Some(format!("expected \"{fixed}\"")),
                });
            }
            let segment = parse_segment(piece)?;
            if let Segment::Param { rest: true, name } = &segment
                && (index + 1 != pieces.len() || trailing_slash)
            {
                return Err(err(
                    format!("`<path:{name}>` must be the last segment of the path"),
                    Some("it matches the whole rest of the path, slashes included"),
                ));
            }
            if let Segment::Param { name, .. } = &segment {
                let seen = segments
                    .iter()
                    .any(|s| matches!(s, Segment::Param { name: n, .. } if n == name));
                if seen {
                    return Err(err(
                        format!("duplicate parameter name `{name}` in \"{text}\""),
                        Some(
                            "each parameter binds to one handler argument: give them different names",
                        ),
                    ));
                }
            }
            segments.push(segment);
        }
        Ok(Rule {
            segments,
            trailing_slash,
        })
    }

    /// The parameter names in path order.
    pub fn params(&self) -> impl Iterator<Item = (&str, bool)> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param { name, rest } => Some((name.as_str(), *rest)),
            Segment::Literal(_) => None,
        })
    }

    /// The rule in axum's syntax: `/users/{id}`, `/files/{*rest}`. Literal text is
    /// percent-encoded as a browser sends it (`/киртест` is `/%D0%BA…`), since the
    /// router matches the path as it arrives.
    pub fn axum_path(&self) -> String {
        self.render_encoded(|name, rest| {
            if rest {
                format!("{{*{name}}}")
            } else {
                format!("{{{name}}}")
            }
        })
    }

    /// The rule with parameter names erased (`/users/<_>`): two rules with the same
    /// shape match the same requests.
    pub fn shape(&self) -> String {
        self.render(|_, rest| {
            if rest {
                "<path:_>".into()
            } else {
                "<_>".into()
            }
        })
    }

    /// The rule in our own syntax, normalised.
    pub fn display(&self) -> String {
        self.render(|name, rest| {
            if rest {
                format!("<path:{name}>")
            } else {
                format!("<{name}>")
            }
        })
    }

    fn render(&self, param: impl Fn(&str, bool) -> String) -> String {
        self.render_with(|text| text.to_owned(), param)
    }

    fn render_encoded(&self, param: impl Fn(&str, bool) -> String) -> String {
        self.render_with(encode_literal, param)
    }

    fn render_with(
        &self,
        literal: impl Fn(&str) -> String,
        param: impl Fn(&str, bool) -> String,
    ) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            out.push('/');
            match segment {
                Segment::Literal(text) => out.push_str(&literal(text)),
                Segment::Param { name, rest } => out.push_str(&param(name, *rest)),
            }
        }
        if self.segments.is_empty() || self.trailing_slash {
            out.push('/');
        }
        out
    }
}

/// Literal path text as it travels in a URL: bytes outside printable ASCII, and the
/// characters a browser encodes in a path (space, `"`, `#`, `<`, `>`, `?`, `` ` ``,
/// `{`, `}`), as `%XX` with upper-case hex, the form browsers send.
pub fn encode_literal(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if !(0x21..0x7F).contains(&byte) || b"\"#<>?`{}".contains(&byte) {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xF)] as char);
        } else {
            out.push(byte as char);
        }
    }
    out
}

fn normalise_slashes(text: &str) -> String {
    let mut out = String::from("/");
    let inner: Vec<&str> = text.split('/').filter(|s| !s.is_empty()).collect();
    out.push_str(&inner.join("/"));
    if text.ends_with('/') && !inner.is_empty() {
        out.push('/');
    }
    out
}

fn parse_segment(piece: &str) -> Result<Segment, RuleError> {
    if let Some(inner) = piece.strip_prefix('<') {
        let Some(inner) = inner.strip_suffix('>') else {
            if inner.contains('>') {
                return Err(err(
                    format!("a parameter must fill a whole segment, found `{piece}`"),
                    Some("put the parameter between slashes, e.g. \"/files/<name>\""),
                ));
            }
            return Err(err(
                format!("parameter `{piece}` is missing its closing `>`"),
                Some(PARAM_HELP),
            ));
        };
        let (converter, name) = match inner.split_once(':') {
            Some((converter, name)) => (Some(converter), name),
            None => (None, inner),
        };
        if !is_ident(name) {
            return Err(err(
                format!("`{name}` is not a valid parameter name in `{piece}`"),
                Some("parameter names are Rust identifiers: letters, digits and `_`"),
            ));
        }
        return match converter {
            None => Ok(Segment::Param {
                name: name.to_owned(),
                rest: false,
            }),
            Some("path") => Ok(Segment::Param {
                name: name.to_owned(),
                rest: true,
            }),
            Some(other) => Err(RuleError {
                message: format!("unknown converter `{other}` in `{piece}`"),
                help: Some(format!(
                    "the handler argument's type decides how `{name}` is parsed: write `<{name}>` and give the argument a type, e.g. `{name}: i64`; only `<path:{name}>` (the rest of the path) is a converter"
                )),
            }),
        };
    }
    if piece.contains('<') || piece.contains('>') {
        return Err(err(
            format!("a parameter must fill a whole segment, found `{piece}`"),
            Some("put the parameter between slashes, e.g. \"/files/<name>\""),
        ));
    }
    if let Some(bad) = piece
        .chars()
        .find(|c| matches!(c, '{' | '}' | '?' | '#' | '*') || c.is_whitespace())
    {
        let help = if bad == '{' || bad == '}' {
            Some("parameters are written `<name>`, not `{name}`")
        } else {
            None
        };
        return Err(err(
            format!("`{bad}` is not allowed in a route path (in segment `{piece}`)"),
            help,
        ));
    }
    Ok(Segment::Literal(piece.to_owned()))
}

fn is_ident(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_ascii_alphabetic() => {}
        _ => return false,
    }
    name != "_" && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(text: &str) -> String {
        Rule::parse(text).unwrap_err().message
    }

    #[test]
    fn parses_literals_params_and_rest() {
        let rule = Rule::parse("/users/<id>/files/<path:rest>").unwrap();
        assert_eq!(rule.axum_path(), "/users/{id}/files/{*rest}");
        assert_eq!(rule.shape(), "/users/<_>/files/<path:_>");
        assert_eq!(
            rule.params().collect::<Vec<_>>(),
            vec![("id", false), ("rest", true)]
        );
    }

    #[test]
    fn non_ascii_literals_are_matched_and_linked_percent_encoded() {
        let rule = Rule::parse("/киртест/<id>").unwrap();
        assert_eq!(
            rule.axum_path(),
            "/%D0%BA%D0%B8%D1%80%D1%82%D0%B5%D1%81%D1%82/{id}"
        );
        assert_eq!(rule.display(), "/киртест/<id>");
        assert_eq!(encode_literal("a b"), "a%20b");
    }

    #[test]
    fn root_and_trailing_slash() {
        assert_eq!(Rule::parse("/").unwrap().axum_path(), "/");
        let rule = Rule::parse("/about/").unwrap();
        assert!(rule.trailing_slash);
        assert_eq!(rule.axum_path(), "/about/");
    }

    #[test]
    fn rejects_bad_rules_with_clear_messages() {
        assert!(msg("users").contains("must start with `/`"));
        assert!(msg("/a//b").contains("empty segments"));
        assert_eq!(
            Rule::parse("/a//b").unwrap_err().help.unwrap(),
            "expected \"/a/b\""
        );
        assert!(msg("/users/<id").contains("missing its closing `>`"));
        assert!(msg("/users/<int:id>").contains("unknown converter `int`"));
        assert!(msg("/<a>/<a>").contains("duplicate parameter name `a`"));
        assert!(msg("/<path:p>/x").contains("must be the last segment"));
        assert!(msg("/f/<name>.txt").contains("whole segment"));
        assert!(msg("/users/{id}").contains("not `{name}`") || msg("/users/{id}").contains('{'));
        assert!(msg("/<1x>").contains("not a valid parameter name"));
    }
}
