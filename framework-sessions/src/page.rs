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
/// `ctx`) and let the base template read `ctx.flashes`, `ctx.csrf_token`, `ctx.user`
/// and `ctx.path`. Taking it consumes the flashed messages, as showing them does.
///
/// `U` is the app's [`User`]; `PageContext` without one has no user.
///
/// ```
/// use askama::Template;
/// use framework_core::prelude::*;
/// use framework_core::templates::render;
/// use framework_sessions::PageContext;
///
/// #[derive(Template)]
/// #[template(
///     ext = "html",
///     source = r#"{% for f in ctx.flashes %}<div class="flash">{{ f.message }}</div>{% endfor %}
/// <form method="post"><input type="hidden" name="csrf_token" value="{{ ctx.csrf_token }}"></form>"#
/// )]
/// struct Form {
///     ctx: PageContext,
/// }
///
/// #[get("/form")]
/// async fn form(ctx: PageContext) -> Result<Html<String>> {
///     render(&Form { ctx })
/// }
/// # let _ = framework_core::App::new().register(framework_core::routes![form]);
/// ```
pub struct PageContext<U = ()> {
    /// The request's path.
    pub path: String,
    /// Flashed messages, oldest first (now shown, so gone from the session).
    pub flashes: Vec<Flash>,
    /// The session's CSRF token, for every form's hidden `csrf_token` field.
    pub csrf_token: String,
    /// The logged-in user, if any.
    pub user: Option<U>,
    /// The request's `G`, for whatever hooks put there.
    pub g: G,
}

impl<U> PageContext<U> {
    /// Adds the messages flashed since the context was taken (by the handler that is
    /// about to render this page), as Flask shows a message flashed before
    /// `render_template`.
    pub async fn reload_flashes(&mut self, session: &Session) -> Result<(), Error> {
        self.flashes.extend(session.flashed_since().await?);
        Ok(())
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
        Ok(PageContext {
            path: parts.uri.path().to_owned(),
            flashes: session.flashed_messages().await?,
            csrf_token: session.csrf_token().await?,
            user,
            g,
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
