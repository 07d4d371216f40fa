//! An in-process test client, Flask's `app.test_client()`: requests go straight into
//! the app's router, no socket, with a cookie jar and opt-in redirect following.
//!
//! ```
//! use framework_core::prelude::*;
//! use framework_core::testing::TestClient;
//!
//! #[get("/")]
//! async fn index() -> &'static str {
//!     "Hello, World!"
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let client = TestClient::new(App::new().register(routes![index]));
//! let response = client.get("/").send().await;
//! assert_eq!(response.status(), StatusCode::OK);
//! assert_eq!(response.text(), "Hello, World!");
//! # }
//! ```

mod client;
mod cookies;
mod request;
mod response;

pub use client::TestClient;
pub use request::TestRequest;
pub use response::TestResponse;
