//! Templates: askama's, checked when the app compiles (a missing template, a missing
//! field or an unknown filter is a build error), autoescaped for `.html`.

use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;

use crate::Error;

pub use askama::Template;

/// Renders `template` to an HTML response body. A render failure (a filter or a
/// `Display` impl that fails) is a 500 for the app's error handlers, logged with the
/// template's type.
///
/// ```
/// use askama::Template;
/// use framework_core::prelude::*;
/// use framework_core::templates::render;
///
/// #[derive(Template)]
/// #[template(ext = "html", source = "<h1>Hello, {{ name }}!</h1>")]
/// struct Hello<'a> {
///     name: &'a str,
/// }
///
/// #[get("/hello/<name>")]
/// async fn hello(name: String) -> Result<Html<String>> {
///     render(&Hello { name: &name })
/// }
///
/// let html = render(&Hello { name: "<script>" }).unwrap();
/// assert_eq!(html.0, "<h1>Hello, &#60;script&#62;!</h1>");
/// # let _ = framework_core::App::new().register(framework_core::routes![hello]);
/// ```
pub fn render<T: Template>(template: &T) -> Result<Html<String>, Error> {
    template.render_page()
}

/// Where a template is rendered. askama's derived code writes through
/// `&mut dyn fmt::Write`; only where LLVM inlines it into the code that made the
/// `String` do its writes become plain copies instead of virtual calls. A method of a
/// blanket impl is compiled in the codegen unit of its self type, the template's own
/// module, which is where the derived code is: there it can be inlined.
trait RenderPage {
    fn render_page(&self) -> Result<Html<String>, Error>;
}

impl<T: Template> RenderPage for T {
    // Not `#[inline]`: an inline function is copied into its callers' codegen units.
    fn render_page(&self) -> Result<Html<String>, Error> {
        self.render().map(Html).map_err(render_failed::<T>)
    }
}

#[cold]
fn render_failed<T>(error: askama::Error) -> Error {
    let name = std::any::type_name::<T>();
    tracing::error!(template = name, %error, "template failed to render");
    Error::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        RenderError { name, error },
    )
}

/// A template as a handler's return value: `Page(MyTemplate { .. })`, rendered as
/// `text/html; charset=utf-8` (a render failure as [`render`] says).
pub struct Page<T>(pub T);

impl<T: Template> IntoResponse for Page<T> {
    fn into_response(self) -> Response {
        render(&self.0).into_response()
    }
}

/// A template that failed to render.
#[derive(Debug)]
pub struct RenderError {
    /// The template's Rust type.
    pub name: &'static str,
    pub error: askama::Error,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "template {} failed to render: {}", self.name, self.error)
    }
}

impl std::error::Error for RenderError {}
