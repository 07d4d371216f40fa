//! Typed links work from askama templates: a template calls a route's `url(..)`, and
//! a wrong argument count there would fail the build of the template.

use askama::Template;
use framework_core::prelude::*;

#[blueprint(prefix = "/blog")]
pub mod blog {
    use framework_core::prelude::*;

    #[get("/<id>/update")]
    async fn update(id: i64) -> String {
        format!("update {id}")
    }
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"<a href="{{ crate::templates::blog::update::url(id) }}">{{ title }}</a>"#
)]
struct Link<'a> {
    id: i64,
    title: &'a str,
}

#[test]
fn templates_link_to_routes_with_typed_urls() {
    let html = Link {
        id: 5,
        title: "<b>post</b>",
    }
    .render()
    .unwrap();
    assert_eq!(
        html,
        r#"<a href="/blog/5/update">&#60;b&#62;post&#60;/b&#62;</a>"#
    );
}

#[test]
fn url_for_names_parameters() {
    assert_eq!(url_for!(blog::update, id = 8).as_str(), "/blog/8/update");
}
