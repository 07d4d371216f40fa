// Path parameters mixed with extractors in any order; the body extractor last.
#![forbid(unsafe_code)]
use framework_core::prelude::*;

#[derive(Deserialize)]
struct Search {
    q: String,
}

#[derive(Deserialize)]
struct Comment {
    text: String,
}

#[post("/posts/<id>/comments")]
async fn comment(
    query: Query<Search>,
    id: i64,
    headers: HeaderMap,
    g: G,
    Form(c): Form<Comment>,
) -> String {
    let _ = (g, headers.len());
    format!("{id} {} {}", query.q, c.text)
}

fn main() {
    let _ = App::new().register(routes![comment]);
}
