//! Why an app cannot be built.

use std::fmt;

use crate::routing::Location;

/// Two registrations that cannot both be served.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// What collides, e.g. "GET /users/<_>".
    pub what: String,
    /// The first registration: endpoint and location.
    pub first: (String, Location),
    /// The second registration.
    pub second: (String, Location),
}

/// The app's routes, blueprints or hooks do not fit together. Returned by
/// [`App::into_router`](crate::App::into_router) before anything is served.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// Routes that match the same requests, or endpoints with the same name.
    Conflicts(Vec<Conflict>),
    /// Two blueprints registered under one name.
    DuplicateBlueprint(&'static str),
    /// A route rule that does not parse (only possible for hand-made route
    /// definitions: the macros check rules at compile time).
    InvalidRule {
        endpoint: String,
        rule: String,
        message: String,
    },
    /// The router refused a route (axum's own check).
    Router { rule: String, message: String },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Conflicts(conflicts) => {
                for (i, c) in conflicts.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(
                        f,
                        "route conflict: {} is defined by `{}` ({}) and again by `{}` ({})",
                        c.what, c.first.0, c.first.1, c.second.0, c.second.1
                    )?;
                }
                Ok(())
            }
            BuildError::DuplicateBlueprint(name) => write!(
                f,
                "blueprint `{name}` is registered twice; blueprint names must be unique (to serve a blueprint twice, register a copy under another name: `#[blueprint(of = module, name = \"other\", prefix = \"/other\")] mod other {{}}`)"
            ),
            BuildError::InvalidRule {
                endpoint,
                rule,
                message,
            } => write!(f, "invalid rule \"{rule}\" for `{endpoint}`: {message}"),
            BuildError::Router { rule, message } => {
                write!(f, "the router refused \"{rule}\": {message}")
            }
        }
    }
}

impl std::error::Error for BuildError {}
