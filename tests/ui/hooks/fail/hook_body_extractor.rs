// Hooks cannot read the body: it belongs to the handler.
use framework_core::prelude::*;

#[derive(Deserialize)]
struct Data {
    value: String,
}

#[before_request]
async fn peek(form: Form<Data>) {
    let _ = &form.value;
}

fn main() {}
