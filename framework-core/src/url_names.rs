//! Which rule of a route `url_for!` builds, picked by the parameter names it is given,
//! and the message when no rule fits. It runs at compile time, in a constant of the
//! `url_for!` expansion, so a wrong name is one error in the user's words (the route's
//! parameters, and how to write a query string) instead of a trait or field error.

/// A message built at compile time (a constant cannot allocate a `String`).
#[doc(hidden)]
pub struct UrlMessage {
    bytes: [u8; CAPACITY],
    len: usize,
}

/// Longer messages are cut (at a character boundary) with `…`.
const CAPACITY: usize = 1024;

impl UrlMessage {
    const fn new() -> Self {
        Self {
            bytes: [0; CAPACITY],
            len: 0,
        }
    }

    const fn push(&mut self, text: &str) {
        let text = text.as_bytes();
        let mut i = 0;
        while i < text.len() && self.len < CAPACITY {
            self.bytes[self.len] = text[i];
            self.len += 1;
            i += 1;
        }
    }

    /// `a`, `b` and `c` (each in backticks), or `none` for no names.
    const fn names(&mut self, names: &[&str], none: &str) {
        if names.is_empty() {
            self.push(none);
        }
        let mut i = 0;
        while i < names.len() {
            if i > 0 {
                self.push(if i + 1 == names.len() { " and " } else { ", " });
            }
            self.push("`");
            self.push(names[i]);
            self.push("`");
            i += 1;
        }
    }

    /// The text so far.
    pub const fn as_str(&self) -> &str {
        let mut len = self.len;
        loop {
            let (head, _) = self.bytes.split_at(len);
            match core::str::from_utf8(head) {
                Ok(text) => return text,
                // Cut inside a character: drop its first bytes.
                Err(_) => len -= 1,
            }
        }
    }
}

/// One `name = value` given to `url_for!`, with the value's source text (for the
/// suggested rewrite in a message).
#[doc(hidden)]
pub type GivenArg = (&'static str, &'static str);

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn contains(names: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < names.len() {
        if same(names[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether `given` names exactly the parameters of `rule` (`url_for!` already refused
/// a name given twice).
const fn fits(rule: &[&str], given: &[GivenArg]) -> bool {
    if rule.len() != given.len() {
        return false;
    }
    let mut i = 0;
    while i < given.len() {
        if !contains(rule, given[i].0) {
            return false;
        }
        i += 1;
    }
    true
}

const fn in_any(rules: &[&[&str]], name: &str) -> bool {
    let mut r = 0;
    while r < rules.len() {
        if contains(rules[r], name) {
            return true;
        }
        r += 1;
    }
    false
}

/// The index of the first of `rules` (each a rule's parameter names) whose parameters
/// are exactly the names `given`, or the message saying why none is. A route with no
/// rules is one whose attribute has a mistake (reported on the attribute); any names
/// are taken, so its links add no errors of their own.
#[doc(hidden)]
// Evaluated at compile time only, where a large `Err` costs nothing (and a constant
// cannot box).
#[allow(clippy::result_large_err)]
pub const fn pick_rule(
    route: &str,
    rules: &[&[&str]],
    given: &[GivenArg],
) -> Result<usize, UrlMessage> {
    if rules.is_empty() {
        return Ok(0);
    }
    let mut r = 0;
    while r < rules.len() {
        if fits(rules[r], given) {
            return Ok(r);
        }
        r += 1;
    }
    let mut message = UrlMessage::new();
    let unknown = count_unknown(rules, given);
    if rules.len() == 1 {
        let rule = rules[0];
        if unknown > 0 {
            message.push("`");
            message.push(route);
            message.push(if unknown == 1 {
                "` has no parameter "
            } else {
                "` has no parameters "
            });
            unknown_names(&mut message, rules, given);
            message.push("; its parameters are ");
            message.names(rule, "none");
        } else {
            message.push("`url_for!(");
            message.push(route);
            message.push(", ..)` needs a value for every parameter of the route: ");
            let mut missing = 0;
            let mut i = 0;
            while i < rule.len() {
                if !given_has(given, rule[i]) {
                    if missing > 0 {
                        message.push(", ");
                    }
                    message.push("`");
                    message.push(rule[i]);
                    message.push("`");
                    missing += 1;
                }
                i += 1;
            }
            message.push(if missing == 1 { " is" } else { " are" });
            message.push(" missing; its parameters are ");
            message.names(rule, "none");
        }
    } else {
        message.push("`");
        message.push(route);
        message.push("` has no rule with exactly the parameters ");
        let mut names: [&str; 32] = [""; 32];
        let mut n = 0;
        while n < given.len() && n < names.len() {
            names[n] = given[n].0;
            n += 1;
        }
        message.names(names.split_at(n).0, "none");
        message.push("; its rules take: ");
        let mut r = 0;
        while r < rules.len() {
            if r > 0 {
                message.push("; ");
            }
            if rules[r].is_empty() {
                message.push("no parameters");
            } else {
                let mut i = 0;
                while i < rules[r].len() {
                    if i > 0 {
                        message.push(", ");
                    }
                    message.push("`");
                    message.push(rules[r][i]);
                    message.push("`");
                    i += 1;
                }
            }
            r += 1;
        }
    }
    let misspelt = rules.len() == 1 && unknown == 1 && missing(rules[0], given) == 1;
    if misspelt {
        // One name given that the rule lacks, and one of its parameters not given:
        // most likely a typo.
        message.push("\n= help: did you mean `");
        let mut i = 0;
        while i < rules[0].len() {
            if !given_has(given, rules[0][i]) {
                message.push(rules[0][i]);
            }
            i += 1;
        }
        message.push("`?");
    } else if unknown > 0 {
        message.push("\n= help: for a query string, write `url_for!(");
        message.push(route);
        let mut i = 0;
        while i < given.len() {
            if in_any(rules, given[i].0) {
                message.push(", ");
                message.push(given[i].0);
                message.push(" = ");
                message.push(given[i].1);
            }
            i += 1;
        }
        message.push(")");
        let mut i = 0;
        while i < given.len() {
            if !in_any(rules, given[i].0) {
                message.push(".query(\"");
                message.push(given[i].0);
                message.push("\", ");
                message.push(given[i].1);
                message.push(")");
            }
            i += 1;
        }
        message.push("`");
    } else if rules.len() > 1 {
        message.push("\n= help: name every parameter of one rule and no others; a parameter that a rule fills from its `defaults` is not one of that rule's parameters");
    }
    Err(message)
}

const fn given_has(given: &[GivenArg], name: &str) -> bool {
    let mut i = 0;
    while i < given.len() {
        if same(given[i].0, name) {
            return true;
        }
        i += 1;
    }
    false
}

const fn missing(rule: &[&str], given: &[GivenArg]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < rule.len() {
        if !given_has(given, rule[i]) {
            count += 1;
        }
        i += 1;
    }
    count
}

const fn count_unknown(rules: &[&[&str]], given: &[GivenArg]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < given.len() {
        if !in_any(rules, given[i].0) {
            count += 1;
        }
        i += 1;
    }
    count
}

const fn unknown_names(message: &mut UrlMessage, rules: &[&[&str]], given: &[GivenArg]) {
    let mut written = 0;
    let mut i = 0;
    while i < given.len() {
        if !in_any(rules, given[i].0) {
            if written > 0 {
                message.push(", ");
            }
            message.push("`");
            message.push(given[i].0);
            message.push("`");
            written += 1;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::pick_rule;

    fn message(route: &str, rules: &[&[&str]], given: &[(&'static str, &'static str)]) -> String {
        match pick_rule(route, rules, given) {
            Ok(index) => format!("rule {index}"),
            Err(message) => message.as_str().to_owned(),
        }
    }

    #[test]
    fn picks_the_first_rule_with_exactly_the_names() {
        let rules: &[&[&str]] = &[&[], &["page"], &["page"]];
        assert_eq!(message("index", rules, &[]), "rule 0");
        assert_eq!(message("index", rules, &[("page", "2")]), "rule 1");
        assert_eq!(
            message("post", &[&["id", "slug"]], &[("slug", "s"), ("id", "1")]),
            "rule 0"
        );
        assert_eq!(message("broken", &[], &[("x", "1")]), "rule 0");
    }

    #[test]
    fn an_unknown_name_suggests_a_query_string() {
        assert_eq!(
            message("post", &[&["id"]], &[("id", "1"), ("page", "2")]),
            "`post` has no parameter `page`; its parameters are `id`\n= help: for a query string, write `url_for!(post, id = 1).query(\"page\", 2)`"
        );
        assert_eq!(
            message(
                "index",
                &[&[], &["page"]],
                &[("page", "2"), ("sort", "\"new\"")]
            ),
            "`index` has no rule with exactly the parameters `page` and `sort`; its rules take: no parameters; `page`\n= help: for a query string, write `url_for!(index, page = 2).query(\"sort\", \"new\")`"
        );
    }

    #[test]
    fn a_misspelt_name_is_pointed_out() {
        assert_eq!(
            message("post", &[&["id"]], &[("idd", "1")]),
            "`post` has no parameter `idd`; its parameters are `id`\n= help: did you mean `id`?"
        );
    }

    #[test]
    fn a_missing_name_lists_the_parameters() {
        assert_eq!(
            message("post", &[&["id", "slug"]], &[("id", "1")]),
            "`url_for!(post, ..)` needs a value for every parameter of the route: `slug` is missing; its parameters are `id` and `slug`"
        );
    }
}
