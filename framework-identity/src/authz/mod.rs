//! Roles and permissions, Flask-Principal's `Permission(RoleNeed('admin'))` checked
//! by the compiler: each permission and role is a type declared once with
//! [`permissions!`](crate::permissions) / [`roles!`](crate::roles); the app's user
//! says what it has ([`Authorize`]); guards are extractors
//! ([`RequirePermission`], [`RequireRole`]) usable in handlers and in
//! `before_request` hooks (a blueprint's hook guards every route in it); object
//! checks ("the author of this post") are ordinary code with [`Can`].

mod guard;
mod names;
mod user;

pub use guard::{RequirePermission, RequireRole};
pub use names::{Permission, Role};
pub use user::{Authorize, Can, Forbidden, Missing};
