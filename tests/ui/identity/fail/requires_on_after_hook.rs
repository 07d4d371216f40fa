// `requires` on a hook that runs after the view.
include!("../common.rs");

#[after_request(requires = Admin)]
async fn stamp(response: Response) -> Response {
    response
}

fn main() {
    let _ = App::new().register(routes![stamp]);
}
