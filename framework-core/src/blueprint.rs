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
    /// The name of the blueprint this one was first written as: a copy made by
    /// [`renamed`](Self::renamed) keeps its original's, so the app registers the
    /// `*_app_*` hooks and handlers once however often the blueprint is registered.
    origin: &'static str,
    scaffold: Scaffold,
    children: Vec<Blueprint>,
    /// Limits for its routes (and its children's) without their own.
    rate_limit: Option<crate::ratelimit::RateLimits>,
    /// Its own static folder, with its URL path under the prefix.
    static_files: Option<crate::static_files::StaticFiles>,
}

impl Blueprint {
    /// An empty blueprint; routes given to it must have been written for it (inside
    /// its `#[blueprint]` module), since their URLs include its prefix.
    pub fn new(name: &'static str, prefix: &'static str) -> Self {
        Self {
            name,
            prefix,
            origin: name,
            scaffold: Scaffold::default(),
            children: Vec::new(),
            rate_limit: None,
            static_files: None,
        }
    }

    /// Serves the files in `folder` under the blueprint's prefix, at a URL path named
    /// like the folder (Flask's `Blueprint(static_folder=..)`): `static` in a
    /// blueprint with the prefix `/admin` is served under `/admin/static`. The app's
    /// [`send_file_max_age`](crate::App::send_file_max_age) applies to them, and the
    /// blueprint's hooks and error handlers run for them as for its routes.
    ///
    /// ```
    /// use framework_core::Blueprint;
    ///
    /// let admin = Blueprint::new("admin", "/admin").static_folder("static");
    /// let files = admin.static_files().unwrap();
    /// assert_eq!(files.url("style.css"), "/admin/static/style.css");
    /// ```
    pub fn static_folder(mut self, folder: impl Into<std::path::PathBuf>) -> Self {
        let files = crate::static_files::StaticFiles::new(folder);
        self.static_files = Some(
            match self.static_files.as_ref().and_then(|f| f.url_path_set()) {
                Some(url_path) => files.url_path(url_path),
                None => files,
            },
        );
        self
    }

    /// Serves the static folder under another URL path, below the prefix (Flask's
    /// `static_url_path`); has no effect without [`static_folder`](Self::static_folder).
    ///
    /// ```
    /// use framework_core::Blueprint;
    ///
    /// let admin = Blueprint::new("admin", "/admin")
    ///     .static_folder("static")
    ///     .static_url_path("/files");
    /// assert_eq!(admin.static_files().unwrap().url("a.css"), "/admin/files/a.css");
    /// ```
    pub fn static_url_path(mut self, url_path: &str) -> Self {
        self.static_files = self.static_files.take().map(|f| f.url_path(url_path));
        self
    }

    /// Its static folder, if it has one, with the URL path it is served under (the
    /// prefix included): `.url("style.css")` is a file's URL.
    pub fn static_files(&self) -> Option<crate::static_files::StaticFiles> {
        let files = self.static_files.as_ref()?;
        let url_path = format!("{}{}", self.prefix.trim_end_matches('/'), files.prefix());
        Some(files.clone().url_path(&url_path))
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

    /// Rate limits for every route of the blueprint (and of blueprints nested in it)
    /// that has none of its own: what `#[blueprint(rate_limit = "…")]` sets. Each
    /// route counts on its own.
    ///
    /// ```
    /// use framework_core::Blueprint;
    ///
    /// let api = Blueprint::new("api", "/api").rate_limit("100/minute".parse().unwrap());
    /// assert_eq!(api.rate_limits().unwrap().limits()[0].count(), 100);
    /// ```
    pub fn rate_limit(mut self, limits: crate::ratelimit::RateLimits) -> Self {
        self.rate_limit = Some(limits);
        self
    }

    /// The blueprint's own rate limits, if any.
    pub fn rate_limits(&self) -> Option<&crate::ratelimit::RateLimits> {
        self.rate_limit.as_ref()
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

    /// The name of the blueprint this one is a copy of (its own name if it is none).
    pub(crate) fn origin(&self) -> &'static str {
        self.origin
    }

    /// The same blueprint under another name and prefix (Flask's
    /// `register_blueprint(bp, name=…, url_prefix=…)`): its routes answer under
    /// `prefix`, its endpoints are `name.…`, its hooks and error handlers run for
    /// those routes, and the blueprints nested in it come along as `name.child`,
    /// under `prefix`. `name` is the full, dotted name.
    ///
    /// `#[blueprint(of = module)]` calls this and also gives the copy typed links, so
    /// that is the way to write it; the copy's `*_app_*` hooks and handlers are
    /// registered only once, with whichever of the two is registered first.
    ///
    /// ```
    /// use framework_core::prelude::*;
    ///
    /// #[blueprint(prefix = "/api")]
    /// mod api {
    ///     use framework_core::prelude::*;
    ///
    ///     #[get("/")]
    ///     async fn index() -> &'static str {
    ///         "index"
    ///     }
    /// }
    ///
    /// let v2 = api::blueprint().renamed("api_v2", "/v2");
    /// assert_eq!(v2.routes()[0].endpoint(), "api_v2.index");
    /// assert_eq!(v2.routes()[0].rule, "/v2/");
    /// ```
    pub fn renamed(&self, name: &'static str, prefix: &'static str) -> Blueprint {
        let old_name = self.name;
        let old_base = base(self.prefix);
        let new_base = base(prefix);
        let rename = |of: Option<&'static str>| of.map(|_| name);
        let mut scaffold = self.scaffold.clone();
        for route in &mut scaffold.routes {
            route.blueprint = rename(route.blueprint);
            route.rule = leak(format!(
                "{new_base}{}",
                route.rule.strip_prefix(old_base).unwrap_or(route.rule)
            ));
        }
        for hook in &mut scaffold.hooks {
            hook.blueprint = rename(hook.blueprint);
        }
        for handler in &mut scaffold.error_handlers {
            handler.blueprint = rename(handler.blueprint);
        }
        let children = self
            .children
            .iter()
            .map(|child| {
                // A child's name starts with its parent's: `parent.child`.
                let own_name = child
                    .name
                    .strip_prefix(old_name)
                    .unwrap_or(child.name)
                    .trim_start_matches('.');
                let own_prefix = child.prefix.strip_prefix(old_base).unwrap_or(child.prefix);
                child.renamed(
                    leak(format!("{name}.{own_name}")),
                    leak(format!("{new_base}{own_prefix}")),
                )
            })
            .collect();
        Blueprint {
            name,
            prefix,
            origin: self.origin,
            scaffold,
            children,
            static_files: self.static_files.clone(),
            rate_limit: self.rate_limit.clone(),
        }
    }

    /// Its routes, nested blueprints' not included.
    pub fn routes(&self) -> &[crate::routing::RouteDef] {
        self.scaffold.routes()
    }
}

/// What a prefix puts in front of each rule: `/auth/` and `/auth` put `/auth`, `/`
/// and `` nothing (rules start with `/`).
fn base(prefix: &str) -> &str {
    prefix.trim_end_matches('/')
}

/// Names and rules live as long as the app, like the literals the macros write; a
/// renamed copy's are made once, when the app is put together.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
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
