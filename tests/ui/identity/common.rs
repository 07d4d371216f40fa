// The app's user and its declared roles and permissions, shared by the cases.

use framework_core::http::request::Parts;
use framework_core::prelude::*;
use framework_identity::authz::Authorize;

framework_identity::permissions! {
    pub EditPost = "post:edit";
}

framework_identity::roles! {
    pub Admin = "admin";
}

framework_identity::scopes! {
    pub ReadPosts = "posts:read";
}

#[derive(Clone)]
pub struct Member {
    pub roles: Vec<String>,
}

impl framework_sessions::User for Member {
    type Id = i64;
    async fn load(_id: i64, _parts: &mut Parts) -> Result<Option<Self>> {
        Ok(None)
    }
    fn login_url() -> Url {
        Url::from_path("/login")
    }
}

impl Authorize for Member {
    fn roles(&self) -> &[String] {
        &self.roles
    }
}
