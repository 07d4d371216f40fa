//! `PageContext`: what Flask gives every template implicitly — flashed messages, the
//! CSRF token, the current user, the request path and `g` — in one extractor, so
//! templates need not have them threaded through by hand.

use axum::extract::FromRequestParts;
use framework_core::{Error, G};
use http::request::Parts;

use crate::flash::Flash;
use crate::login::{CurrentUser, User};
use crate::session::Session;

/// The implicit context of a page. Put it in a template struct as a field (say
/// `ctx`) and let the base template read `ctx.flashes()`, `ctx.csrf_token`,
/// `ctx.user` and `ctx.path`. The flashed messages are taken when the template shows
/// them, as Flask's `get_flashed_messages` takes them while the page renders: a
/// message the handler flashes before rendering is on this page, and a handler that
/// redirects instead leaves them for the next page.
///
/// `U` is the app's [`User`]; `PageContext` without one has no user.
///
/// ```
/// use askama::Template;
/// use framework_core::prelude::*;
/// use framework_core::templates::render;
/// use framework_sessions::{PageContext, Session};
///
/// #[derive(Template)]
/// #[template(
///     ext = "html",
///     source = r#"{% for f in ctx.flashes() %}<div class="flash">{{ f.message }}</div>{% endfor %}
/// <form method="post"><input type="hidden" name="csrf_token" value="{{ ctx.csrf_token }}"></form>"#
/// )]
/// struct Form {
///     ctx: PageContext,
/// }
///
/// #[get("/form")]
/// async fn form(ctx: PageContext, session: Session) -> Result<Html<String>> {
///     session.flash("Shown on this very page.").await?;
///     render(&Form { ctx })
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![form]);
/// ```
pub struct PageContext<U = ()> {
    /// The request's path.
    pub path: String,
    /// The session's CSRF token, for every form's hidden `csrf_token` field.
    pub csrf_token: String,
    /// The logged-in user, if any.
    pub user: Option<U>,
    /// The request's `G`, for whatever hooks put there.
    pub g: G,
    session: Session,
}

impl<U> PageContext<U> {
    /// The flashed messages, oldest first: those left by earlier requests and those
    /// this one flashed before rendering. The first call takes them; later calls in
    /// the same request give the same list.
    pub fn flashes(&self) -> Vec<Flash> {
        self.session.show_flashes()
    }

    /// [`PageContext::flashes`] of these categories only (Flask's `category_filter`).
    pub fn flashes_in(&self, categories: &[&str]) -> Vec<Flash> {
        let mut flashes = self.flashes();
        flashes.retain(|f| categories.contains(&f.category.as_str()));
        flashes
    }
}

impl<U: User, S: Send + Sync> FromRequestParts<S> for PageContext<U> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state).await?;
        let CurrentUser(user) = CurrentUser::<U>::from_request_parts(parts, state).await?;
        let g = G::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|never| match never {});
        session.read_flashes().await?;
        Ok(PageContext {
            path: parts.uri.path().to_owned(),
            csrf_token: session.csrf_token().await?,
            user,
            g,
            session,
        })
    }
}

/// No user: for apps without logins.
impl User for () {
    type Id = ();

    async fn load(_id: (), _parts: &mut Parts) -> Result<Option<Self>, Error> {
        Ok(None)
    }

    fn login_url() -> framework_core::Url {
        framework_core::Url::from_path("/")
    }
}
