//! The `blog` blueprint (Flask's `blog.py`): the index, and creating, editing and
//! deleting posts. Inline for `#[blueprint]`; named like its file, so its items
//! read `crate::blog::…`.

use framework_core::prelude::*;

#[blueprint(name = "blog", prefix = "/")]
pub mod blog {
    // ANCHOR: uses
    use askama::Template;
    use framework_core::input::InputError;
    use framework_core::prelude::*;
    use framework_core::templates::render;
    use framework_db::{Conn, Db, Tx};
    use framework_sessions::{PageContext, Session};

    use crate::queries;
    pub use crate::queries::Post;
    use crate::user::{DeleteAnyPost, LoginRequired, User};
    use framework_identity::authz::Can;
    // ANCHOR_END: uses

    #[derive(Template)]
    #[template(path = "blog/index.html")]
    struct IndexPage {
        ctx: PageContext<User>,
        posts: Vec<Post>,
        /// The page's own address, absolute (`https://` behind a TLS proxy).
        canonical: String,
    }

    impl IndexPage {
        /// Whether the logged-in user wrote `post` (and so sees its Edit link).
        fn can_edit(&self, post: &Post) -> bool {
            self.ctx
                .user
                .as_ref()
                .is_some_and(|u| u.id == post.author_id)
        }
    }

    #[get("/")]
    pub async fn index(
        ctx: PageContext<User>,
        mut db: Db,
        base: framework_core::url::UrlBase,
    ) -> Result<Html<String>> {
        let posts = queries::posts(db.conn()).await?;
        let canonical = index::url().external(&base).into_string();
        render(&IndexPage {
            ctx,
            posts,
            canonical,
        })
    }

    // ANCHOR: get_post
    /// The post, or 404; 403 unless `user` wrote it (Flask's `get_post`).
    async fn get_post(conn: Conn<'_>, id: i64, user: &User) -> Result<Post> {
        let post = queries::post(conn, id).await?.ok_or_else(|| {
            abort(StatusCode::NOT_FOUND).with_message(format!("Post id {id} doesn't exist."))
        })?;
        if post.author_id != user.id {
            return Err(abort(StatusCode::FORBIDDEN));
        }
        Ok(post)
    }
    // ANCHOR_END: get_post

    #[derive(Deserialize, Validate)]
    pub struct PostForm {
        #[validate(length(min = 1, message = "Title is required."))]
        title: String,
        body: String,
    }

    #[derive(Template)]
    #[template(path = "blog/create.html")]
    struct CreatePage {
        ctx: PageContext<User>,
        title: String,
        body: String,
    }

    #[route("/create", methods = [GET, POST])]
    pub async fn create(
        LoginRequired(user): LoginRequired,
        ctx: PageContext<User>,
        session: Session,
        mut db: Db,
        form: Option<FormResult<PostForm>>,
    ) -> Result<Response> {
        let (title, body) = match form.map(|f| f.0) {
            None => (String::new(), String::new()),
            Some(Ok(form)) => {
                queries::insert_post(db.conn(), &form.title, &form.body, user.id).await?;
                return Ok(redirect(index::url()));
            }
            Some(Err(errors)) => {
                if let Some(error) = errors.first_error() {
                    session.flash(error).await?;
                }
                (
                    errors.value("title").unwrap_or("").to_owned(),
                    errors.value("body").unwrap_or("").to_owned(),
                )
            }
        };
        Ok(render(&CreatePage { ctx, title, body })?.into_response())
    }

    #[derive(Template)]
    #[template(path = "blog/update.html")]
    struct UpdatePage {
        ctx: PageContext<User>,
        post: Post,
        title: String,
        body: String,
    }

    // ANCHOR: update
    #[route("/<id>/update", methods = [GET, POST])]
    pub async fn update(
        id: i64,
        LoginRequired(user): LoginRequired,
        ctx: PageContext<User>,
        session: Session,
        mut tx: Tx,
        form: Result<Option<FormResult<PostForm>>, InputError>,
    ) -> Result<Response> {
        // Flask's order: login (the extractor), existence and authorship, then the
        // form. The check and the write are one transaction, committed on the redirect.
        let post = get_post(tx.conn(), id, &user).await?;
        let form = form.map_err(InputError::into_error)?;
        let (title, body) = match form.map(|f| f.0) {
            None => (post.title.clone(), post.body.clone()),
            Some(Ok(form)) => {
                queries::update_post(tx.conn(), id, &form.title, &form.body).await?;
                return Ok(redirect(index::url()));
            }
            Some(Err(errors)) => {
                if let Some(error) = errors.first_error() {
                    session.flash(error).await?;
                }
                (
                    errors.value("title").unwrap_or("").to_owned(),
                    errors.value("body").unwrap_or("").to_owned(),
                )
            }
        };
        Ok(render(&UpdatePage {
            ctx,
            post,
            title,
            body,
        })?
        .into_response())
    }
    // ANCHOR_END: update

    #[post("/<id>/delete")]
    pub async fn delete(
        id: i64,
        LoginRequired(user): LoginRequired,
        mut tx: Tx,
    ) -> Result<Response> {
        // The author deletes their own post; an admin (`DeleteAnyPost`) anyone's.
        let post = queries::post(tx.conn(), id).await?.ok_or_else(|| {
            abort(StatusCode::NOT_FOUND).with_message(format!("Post id {id} doesn't exist."))
        })?;
        if post.author_id != user.id {
            user.require::<DeleteAnyPost>()?;
        }
        queries::delete_post(tx.conn(), id).await?;
        Ok(redirect(index::url()))
    }
}
