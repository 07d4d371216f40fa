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
///
/// Declared `for` the app's user, they can also be required by routes, blueprints
/// and `before_request` hooks (`#[post("/posts", requires = WritePost)]`), which then
/// check them as [`RequirePermission<WritePost, Member>`](crate::authz::RequirePermission)
/// does:
///
/// ```
/// # use framework_core::http::request::Parts;
/// # use framework_core::prelude::*;
/// # #[derive(Clone)] pub struct Member { roles: Vec<String> }
/// # impl framework_sessions::User for Member {
/// #     type Id = i64;
/// #     async fn load(_: i64, _: &mut Parts) -> Result<Option<Self>> { Ok(None) }
/// #     fn login_url() -> Url { Url::from_path("/login") }
/// # }
/// # impl framework_identity::authz::Authorize for Member {
/// #     fn roles(&self) -> &[String] { &self.roles }
/// # }
/// framework_identity::permissions! {
///     for Member;
///     pub WritePost = "post:write";
/// }
///
/// #[post("/posts", requires = WritePost)]
/// async fn write() -> &'static str {
///     "written"
/// }
/// # let _ = App::new().register(routes![write]);
/// ```
#[macro_export]
macro_rules! permissions {
    (for $user:ty; $($(#[$meta:meta])* $vis:vis $name:ident = $text:literal;)*) => {
        $crate::permissions! { $($(#[$meta])* $vis $name = $text;)* }
        $(
            impl $crate::__private::Requirement for $name {
                type Guard = $crate::authz::RequirePermission<$name, $user>;
            }
        )*
    };
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
///
/// Declared `for` the app's user (`roles! { for Member; pub Admin = "admin"; }`),
/// they can also be required by routes, blueprints and `before_request` hooks
/// (`#[blueprint(prefix = "/admin", requires = Admin)]`), checked as
/// [`RequireRole<Admin, Member>`](crate::authz::RequireRole) does.
#[macro_export]
macro_rules! roles {
    (for $user:ty; $($(#[$meta:meta])* $vis:vis $name:ident = $text:literal;)*) => {
        $crate::roles! { $($(#[$meta])* $vis $name = $text;)* }
        $(
            impl $crate::__private::Requirement for $name {
                type Guard = $crate::authz::RequireRole<$name, $user>;
            }
        )*
    };
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
