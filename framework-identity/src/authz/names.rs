//! Permissions and roles as types: a name the app never declared is not a type, so
//! a misspelling fails the build where it is written.

/// A permission the app declares, as a marker type (see [`permissions!`](crate::permissions)).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a permission",
    label = "not declared with `permissions!`",
    note = "declare it with `framework_identity::permissions! {{ pub {Self} = \"name\"; }}`"
)]
pub trait Permission: Send + Sync + 'static {
    /// The name the app's user data uses for it (`"post:edit"`).
    const NAME: &'static str;
}

/// A role the app declares, as a marker type (see [`roles!`](crate::roles)).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a role",
    label = "not declared with `roles!`",
    note = "declare it with `framework_identity::roles! {{ pub {Self} = \"name\"; }}`"
)]
pub trait Role: Send + Sync + 'static {
    /// The name the app's user data uses for it (`"admin"`).
    const NAME: &'static str;
}

/// Declares permissions: one marker type each, named in code, with the name the
/// app's data (a database column, an ID-token claim) uses.
///
/// ```
/// framework_identity::permissions! {
///     /// May change any post.
///     pub EditPost = "post:edit";
///     pub DeletePost = "post:delete";
/// }
///
/// use framework_identity::authz::Permission;
/// assert_eq!(EditPost::NAME, "post:edit");
/// ```
#[macro_export]
macro_rules! permissions {
    ($($(#[$meta:meta])* $vis:vis $name:ident = $text:literal;)*) => {
        $(
            $(#[$meta])*
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
            $vis struct $name;

            impl $crate::authz::Permission for $name {
                const NAME: &'static str = $text;
            }
        )*
    };
}

/// Declares roles: one marker type each, with the name the app's data uses.
///
/// ```
/// framework_identity::roles! {
///     /// Runs the site.
///     pub Admin = "admin";
/// }
///
/// use framework_identity::authz::Role;
/// assert_eq!(Admin::NAME, "admin");
/// ```
#[macro_export]
macro_rules! roles {
    ($($(#[$meta:meta])* $vis:vis $name:ident = $text:literal;)*) => {
        $(
            $(#[$meta])*
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
            $vis struct $name;

            impl $crate::authz::Role for $name {
                const NAME: &'static str = $text;
            }
        )*
    };
}
