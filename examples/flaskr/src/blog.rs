//! The `blog` blueprint (Flask's `blog.py`): the index, and creating, editing and
//! deleting posts. Inline for `#[blueprint]`, re-exported as `crate::blog::…`.

// `#[blueprint]` reads the items of an inline module, hence a module of the same
// name inside this file.
#![allow(clippy::module_inception)]

use framework_core::prelude::*;

pub use blog::*;

#[blueprint(name = "blog", prefix = "/")]
pub mod blog {
    use askama::Template;
    use framework_core::prelude::*;
    use framework_core::templates::render;
    use framework_sessions::{PageContext, Session};
    use rusqlite::OptionalExtension;

    use framework_core::input::InputError;

    use crate::db::Db;
    use crate::user::{LoginRequired, User};

    pub struct Post {
        pub id: i64,
        pub title: String,
        pub body: String,
        pub created: String,
        pub author_id: i64,
        pub username: String,
    }

    impl Post {
        /// `YYYY-MM-DD` of the creation time.
        pub fn created_date(&self) -> &str {
            self.created.get(..10).unwrap_or(&self.created)
        }
    }

    #[derive(Template)]
    #[template(path = "blog/index.html")]
    struct IndexPage {
        ctx: PageContext<User>,
        posts: Vec<Post>,
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
    pub async fn index(ctx: PageContext<User>, Db(db): Db) -> Result<Html<String>> {
        let mut statement = db.prepare(
            "SELECT p.id, title, body, created, author_id, username \
             FROM post p JOIN user u ON p.author_id = u.id ORDER BY created DESC, p.id DESC",
        )?;
        let posts = statement
            .query_map([], row_to_post)?
            .collect::<Result<Vec<_>, _>>()?;
        render(&IndexPage { ctx, posts })
    }

    fn row_to_post(row: &rusqlite::Row<'_>) -> rusqlite::Result<Post> {
        Ok(Post {
            id: row.get(0)?,
            title: row.get(1)?,
            body: row.get(2)?,
            created: row.get(3)?,
            author_id: row.get(4)?,
            username: row.get(5)?,
        })
    }

    // ANCHOR: get_post
    /// The post, or 404; with `check_author`, 403 unless `user` wrote it (Flask's
    /// `get_post`).
    fn get_post(db: &rusqlite::Connection, id: i64, user: &User) -> Result<Post> {
        let post = db
            .query_row(
                "SELECT p.id, title, body, created, author_id, username \
                 FROM post p JOIN user u ON p.author_id = u.id WHERE p.id = ?",
                [id],
                row_to_post,
            )
            .optional()?
            .ok_or_else(|| {
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
        mut ctx: PageContext<User>,
        session: Session,
        Db(db): Db,
        form: Option<FormResult<PostForm>>,
    ) -> Result<Response> {
        let (title, body) = match form.map(|f| f.0) {
            None => (String::new(), String::new()),
            Some(Ok(form)) => {
                db.execute(
                    "INSERT INTO post (title, body, author_id) VALUES (?, ?, ?)",
                    (&form.title, &form.body, user.id),
                )?;
                return Ok(redirect(index::url()));
            }
            Some(Err(errors)) => {
                if let Some(error) = errors.first_error() {
                    session.flash(error).await?;
                    ctx.reload_flashes(&session).await?;
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
        mut ctx: PageContext<User>,
        session: Session,
        Db(db): Db,
        form: Result<Option<FormResult<PostForm>>, InputError>,
    ) -> Result<Response> {
        // Flask's order: login (the extractor), existence and authorship, then the form.
        let post = get_post(&db, id, &user)?;
        let form = form.map_err(InputError::into_error)?;
        let (title, body) = match form.map(|f| f.0) {
            None => (post.title.clone(), post.body.clone()),
            Some(Ok(form)) => {
                db.execute(
                    "UPDATE post SET title = ?, body = ? WHERE id = ?",
                    (&form.title, &form.body, id),
                )?;
                return Ok(redirect(index::url()));
            }
            Some(Err(errors)) => {
                if let Some(error) = errors.first_error() {
                    session.flash(error).await?;
                    ctx.reload_flashes(&session).await?;
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
        Db(db): Db,
    ) -> Result<Response> {
        get_post(&db, id, &user)?;
        db.execute("DELETE FROM post WHERE id = ?", [id])?;
        Ok(redirect(index::url()))
    }
}
