//! Every attribute and argument name the macros read or write, spelled once
//! (serde's `symbol.rs`): the attributes and what each declares, the keys each
//! takes, and the hidden keys `#[blueprint]` adds to what it collects.

use crate::hooks::Kind;

/// What one of our attributes declares.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Declares {
    /// A route; a shortcut's method (`None` for `#[route]`).
    Route(Option<&'static str>),
    /// A request hook; `true` for the `*_app_*` forms.
    Hook(Kind, bool),
    /// An error handler; `true` for `app_errorhandler`.
    ErrorHandler(bool),
    Blueprint,
}

/// The attributes, by name.
pub(crate) const ATTRIBUTES: &[(&str, Declares)] = &[
    ("route", Declares::Route(None)),
    ("get", Declares::Route(Some("GET"))),
    ("post", Declares::Route(Some("POST"))),
    ("put", Declares::Route(Some("PUT"))),
    ("patch", Declares::Route(Some("PATCH"))),
    ("delete", Declares::Route(Some("DELETE"))),
    ("before_request", Declares::Hook(Kind::Before, false)),
    ("before_app_request", Declares::Hook(Kind::Before, true)),
    ("after_request", Declares::Hook(Kind::After, false)),
    ("after_app_request", Declares::Hook(Kind::After, true)),
    ("teardown_request", Declares::Hook(Kind::Teardown, false)),
    ("teardown_app_request", Declares::Hook(Kind::Teardown, true)),
    ("errorhandler", Declares::ErrorHandler(false)),
    ("app_errorhandler", Declares::ErrorHandler(true)),
    ("blueprint", Declares::Blueprint),
];

/// What `attr` declares, when it is one of ours (by its last path segment, so
/// `#[framework_core::get]` counts too).
pub(crate) fn declared_by(attr: &syn::Attribute) -> Option<Declares> {
    let segment = attr.path().segments.last()?;
    ATTRIBUTES
        .iter()
        .find(|(name, _)| segment.ident == name)
        .map(|(_, declares)| *declares)
}

/// The attribute's name: `attribute(Declares::Hook(Kind::Before, false))` is
/// `"before_request"`.
pub(crate) fn attribute(declares: Declares) -> &'static str {
    ATTRIBUTES
        .iter()
        .find(|(_, d)| *d == declares)
        .map_or("route", |(name, _)| name)
}

pub(crate) const METHODS: &str = "methods";
pub(crate) const ENDPOINT: &str = "endpoint";
pub(crate) const STRICT_SLASHES: &str = "strict_slashes";
pub(crate) const DEFAULTS: &str = "defaults";
pub(crate) const RATE_LIMIT: &str = "rate_limit";
pub(crate) const REQUIRES: &str = "requires";
pub(crate) const NAME: &str = "name";
pub(crate) const PREFIX: &str = "prefix";
pub(crate) const OF: &str = "of";

/// Added by `#[blueprint]` to the routes, hooks and error handlers it collects: its
/// full name and prefix.
pub(crate) const HIDDEN_BLUEPRINT: &str = "__blueprint";
pub(crate) const HIDDEN_PREFIX: &str = "__prefix";
/// Added by `#[blueprint]` to a nested `#[blueprint]`: the parent's name and prefix.
pub(crate) const HIDDEN_PARENT: &str = "__parent";
pub(crate) const HIDDEN_PARENT_PREFIX: &str = "__parent_prefix";

/// The keys users never write, left out of every "takes" list.
pub(crate) const HIDDEN: &[&str] = &[
    HIDDEN_BLUEPRINT,
    HIDDEN_PREFIX,
    HIDDEN_PARENT,
    HIDDEN_PARENT_PREFIX,
];

/// The keyed arguments of one kind of attribute, for parsing and for messages.
pub(crate) struct ArgSet {
    /// `a route`, `a blueprint`: how messages name the attribute.
    pub(crate) what: &'static str,
    /// What comes before the keys, if anything: for a message about a stray value.
    pub(crate) positional: Option<&'static str>,
    pub(crate) keys: &'static [&'static str],
}

pub(crate) const ROUTE_ARGS: ArgSet = ArgSet {
    what: "a route",
    positional: Some("its path first"),
    keys: &[
        METHODS,
        ENDPOINT,
        STRICT_SLASHES,
        DEFAULTS,
        RATE_LIMIT,
        REQUIRES,
    ],
};

pub(crate) const BLUEPRINT_ARGS: ArgSet = ArgSet {
    what: "a blueprint",
    positional: None,
    keys: &[NAME, PREFIX, OF, RATE_LIMIT, REQUIRES],
};

pub(crate) const HOOK_ARGS: ArgSet = ArgSet {
    what: "a hook",
    positional: None,
    keys: &[REQUIRES],
};

pub(crate) const ERRORHANDLER_ARGS: ArgSet = ArgSet {
    what: "an error handler",
    positional: Some("one status code or one error type"),
    keys: &[],
};

/// The help after "specified more than once", for keys where a second one is a
/// way of asking for something the first can already say.
pub(crate) fn repeated_help(key: &str) -> Option<&'static str> {
    match key {
        RATE_LIMIT => Some("several limits go in one string: `rate_limit = \"5/minute; 100/day\"`"),
        REQUIRES => Some("to require several, list them once: `requires = [Admin, EditPost]`"),
        METHODS => Some("list every method once: `methods = [GET, POST]`"),
        _ => None,
    }
}
