//! Routes: the path grammar, route definitions, and the helpers generated handlers use.

pub mod def;
pub mod rule;

pub use def::{Location, RouteDef};
pub use rule::{Rule, RuleError, Segment};
