//! Blueprints: a named group of routes, hooks and error handlers under a URL prefix.

use crate::scaffold::{Register, Scaffold};

/// A group of routes with a name and a URL prefix, Flask's `Blueprint`.
///
/// `#[blueprint]` on an inline module builds one from everything marked inside it, so
/// nothing is listed by hand; the module gets a `blueprint()` function.
///
/// ```
/// use framework_core::prelude::*;
///
/// #[blueprint(prefix = "/auth")]
/// mod auth {
///     use framework_core::prelude::*;
///
///     #[get("/login")]
///     async fn login() -> &'static str {
///         "log in"
///     }
/// }
///
/// let app = App::new().blueprint(auth::blueprint());
/// # let _ = app;
/// ```
#[derive(Clone)]
pub struct Blueprint {
    name: &'static str,
    prefix: &'static str,
    scaffold: Scaffold,
    children: Vec<Blueprint>,
}

impl Blueprint {
    /// An empty blueprint; routes given to it must have been written for it (inside
    /// its `#[blueprint]` module), since their URLs include its prefix.
    pub fn new(name: &'static str, prefix: &'static str) -> Self {
        Self {
            name,
            prefix,
            scaffold: Scaffold::default(),
            children: Vec::new(),
        }
    }

    /// Registers a blueprint inside this one (Flask's `Blueprint.register_blueprint`):
    /// it is registered with this one, and its requests run this one's hooks and error
    /// handlers around its own. A `#[blueprint]` module inside a `#[blueprint]` module
    /// is nested this way by itself, named `parent.child` and under the parent's
    /// prefix.
    ///
    /// ```
    /// use framework_core::prelude::*;
    ///
    /// #[blueprint(prefix = "/admin")]
    /// mod admin {
    ///     use framework_core::prelude::*;
    ///
    ///     #[blueprint(prefix = "/users")]
    ///     pub mod users {
    ///         use framework_core::prelude::*;
    ///
    ///         #[get("/")]
    ///         async fn list() -> &'static str {
    ///             "every user"
    ///         }
    ///     }
    /// }
    ///
    /// let admin = admin::blueprint();
    /// assert_eq!(admin.children()[0].name(), "admin.users");
    /// assert_eq!(admin::users::list::url().as_str(), "/admin/users/");
    /// ```
    pub fn nest(mut self, child: Blueprint) -> Self {
        self.children.push(child);
        self
    }

    /// The blueprints nested in this one.
    pub fn children(&self) -> &[Blueprint] {
        &self.children
    }

    /// Registers a route, hook or error handler.
    pub fn register(mut self, item: impl Register) -> Self {
        item.register(&mut self.scaffold);
        self
    }

    /// The blueprint's name, the first part of its endpoints (`auth.login`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The URL prefix of its routes.
    pub fn prefix(&self) -> &'static str {
        self.prefix
    }

    pub(crate) fn scaffold(&self) -> &Scaffold {
        &self.scaffold
    }
}

impl std::fmt::Debug for Blueprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Blueprint")
            .field("name", &self.name)
            .field("prefix", &self.prefix)
            .field("routes", &self.scaffold.routes.len())
            .field("children", &self.children)
            .finish()
    }
}
