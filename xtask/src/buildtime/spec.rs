//! What both generated apps contain: how many blueprints, how many routes each, and
//! which kind of route sits at each place, so that the two generators write the same
//! app route for route.

/// The size of the generated app.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub routes: usize,
    pub blueprints: usize,
}

/// What a route does. Each kind is written once per generator, so both apps do the
/// same work at the same path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `GET /rK/<id>`: renders the blueprint's template with a link to another route.
    Page,
    /// `GET /rK/<id>`: a text answer with a link in it.
    Text,
    /// `GET` and `POST /rK`: the empty form, or a validated form (the template again
    /// with the first error, 422, when it is invalid).
    Form,
    /// `GET /rK`: HTML built with `format!`, with a link in it.
    Html,
}

impl Kind {
    /// Whether the route's path takes `<id>`.
    pub fn takes_id(self) -> bool {
        matches!(self, Kind::Page | Kind::Text)
    }
}

impl Spec {
    /// Routes of blueprint `b`: the routes shared out evenly, the first blueprints
    /// taking one more when they do not divide.
    pub fn routes_in(&self, b: usize) -> usize {
        self.routes / self.blueprints + usize::from(b < self.routes % self.blueprints)
    }

    /// The kind of route `k` of a blueprint: the four kinds in turn.
    pub fn kind(k: usize) -> Kind {
        match k % 4 {
            0 => Kind::Page,
            1 => Kind::Text,
            2 => Kind::Form,
            _ => Kind::Html,
        }
    }

    /// The route that route `k` of a blueprint of `n` routes links to; it always
    /// takes `<id>`. Route 0 links to route 1, every other route to route 0.
    /// The text blueprint 0's first text route puts before its answer: the literal
    /// the incremental rebuild edits (empty for every other route).
    pub fn revision_marker(b: usize, k: usize) -> String {
        if (b, k) == (0, 1) {
            format!("{REVISION}0 ")
        } else {
            String::new()
        }
    }

    pub fn link_target(k: usize, n: usize) -> usize {
        if k == 0 && n > 1 { 1 } else { 0 }
    }
}

/// The marker in blueprint 0's text handler that an incremental rebuild changes
/// (`rev 0`, `rev 1`, …): a string literal a developer edits.
pub const REVISION: &str = "rev ";

/// The template every blueprint renders (one file per blueprint, the same text), for
/// both apps.
pub fn template() -> &'static str {
    r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<h1>{{ title }}</h1>
<p>Visit {{ visit }}</p>
{% if let Some(error) = error %}<p class="error">{{ error }}</p>{% endif %}
<p><a href="{{ link }}">Next</a></p>
<form method="post">
  <label>Name <input name="name"></label>
  <label>Quantity <input name="quantity"></label>
  <button>Send</button>
</form>
</body>
</html>
"#
}

/// The form and page types of blueprint `b`, the same in both apps, each line
/// indented by `indent` (ours puts them inside the blueprint's module).
pub fn types(b: usize, indent: &str) -> String {
    let text = format!(
        r#"#[derive(Deserialize, Validate)]
pub struct Order {{
    #[validate(length(min = 1, max = 100, message = "Write a name of 1 to 100 characters."))]
    pub name: String,
    #[validate(range(min = 1, max = 1000, message = "Order 1 to 1000."))]
    pub quantity: u32,
}}

#[derive(Template)]
#[template(path = "b{b}.html")]
struct Page<'a> {{
    title: &'a str,
    visit: u32,
    link: String,
    error: Option<&'a str>,
}}"#
    );
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{indent}{line}")
            }
        })
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_shared_out_to_the_total() {
        let spec = Spec {
            routes: 203,
            blueprints: 10,
        };
        let total: usize = (0..10).map(|b| spec.routes_in(b)).sum();
        assert_eq!(total, 203);
        assert_eq!(spec.routes_in(0), 21);
        assert_eq!(spec.routes_in(9), 20);
    }

    #[test]
    fn links_point_at_routes_with_an_id() {
        for n in 1..6 {
            for k in 0..n {
                let target = Spec::link_target(k, n);
                assert!(target < n);
                assert!(Spec::kind(target).takes_id());
            }
        }
    }
}
