//! Scopes as types, as permissions are: a misspelt scope is a build error.

/// A scope an API token may carry, as a marker type (see [`scopes!`](crate::scopes)).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a scope",
    label = "not declared with `scopes!`",
    note = "declare it with `framework_identity::scopes! {{ pub {Self} = \"name\"; }}`"
)]
pub trait Scope: Send + Sync + 'static {
    /// The scope's name in tokens (`"posts:write"`).
    const NAME: &'static str;
}

/// Declares scopes: one marker type each, with its name in tokens.
///
/// ```
/// framework_identity::scopes! {
///     /// Read the posts.
///     pub ReadPosts = "posts:read";
///     pub WritePosts = "posts:write";
/// }
///
/// use framework_identity::bearer::Scope;
/// assert_eq!(WritePosts::NAME, "posts:write");
/// ```
///
/// A route can require a scope (`#[post("/api/posts", requires = WritePosts)]`):
/// checked as [`RequireScope<WritePosts>`](crate::bearer::RequireScope) does.
#[macro_export]
macro_rules! scopes {
    ($($(#[$meta:meta])* $vis:vis $name:ident = $text:literal;)*) => {
        $(
            $(#[$meta])*
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
            $vis struct $name;

            impl $crate::bearer::Scope for $name {
                const NAME: &'static str = $text;
            }

            impl $crate::__private::Requirement for $name {
                type Guard = $crate::bearer::RequireScope<$name>;
            }
        )*
    };
}
