// A hook's arguments are extractors with named types, as a view's are.
use framework_core::prelude::*;

#[before_request]
async fn check(header: impl AsRef<str>) {
    let _ = header.as_ref();
}

fn main() {
    let _ = App::new().register(routes![check]);
}
