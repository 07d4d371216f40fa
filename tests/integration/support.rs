//! A few helpers shared by the integration tests.

use std::sync::{Arc, Mutex};

/// Records what hooks and handlers did, in order; shared through `App::extension`.
#[derive(Clone, Default)]
pub struct Trace(pub Arc<Mutex<Vec<String>>>);

impl Trace {
    pub fn push(&self, event: impl Into<String>) {
        self.0.lock().unwrap().push(event.into());
    }

    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

use axum::body::Body;
use framework_core::App;
use http::{Method, Request, StatusCode};
use tower::ServiceExt;

/// A minimal in-process client for these tests.
pub struct Client(axum::Router);

pub fn client(app: App) -> Client {
    Client(app.into_router().expect("app builds"))
}

pub struct Res {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl Res {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Client {
    pub async fn request(&self, method: Method, path: &str, headers: &[(&str, &str)]) -> Res {
        let mut req = Request::builder().method(method).uri(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = self
            .0
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        Res {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Res {
        self.request(Method::GET, path, &[]).await
    }
}
