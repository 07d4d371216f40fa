//! Run with `NOTES_API_KEY=secret cargo run -p example-api`, then
//! `curl -X POST localhost:5000/api/notes -H 'authorization: Bearer secret' -H 'content-type: application/json' -d '{"title":"hi","body":"there"}'`.
//!
//! Writing takes a bearer token: the scope `notes:write` to create and change
//! notes, `notes:delete` to delete them; reading is open. A token is an API key
//! (`NOTES_API_KEY`; only its SHA-256 digest is kept) or a signed JWT, checked
//! with a shared secret (`NOTES_JWT_SECRET`) or an OpenID provider's keys
//! (`NOTES_JWT_JWKS_URL`): see `tokens.rs`. With none configured, a new API key is
//! made and printed at startup.
//!
//! JSON CRUD on notes kept in memory. Invalid input is a 422 whose
//! `application/problem+json` body lists every field error; malformed JSON is a 400,
//! the wrong content type a 415, a missing note a 404 problem.
#![forbid(unsafe_code)]

// ANCHOR: uses
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use framework_core::cli::Cli;
use framework_core::input::{PROBLEM_JSON, Problem};
use framework_core::prelude::*;
use framework_identity::bearer::{RequireScope, generate_api_key};
// ANCHOR_END: uses

mod tokens;

use tokens::{DeleteNotes, Settings, WriteNotes};

#[derive(Clone, Serialize)]
struct Note {
    id: u64,
    title: String,
    body: String,
}

// ANCHOR: input
#[derive(Deserialize, Validate)]
struct NoteInput {
    #[validate(length(min = 1, max = 100, message = "A title is 1 to 100 characters."))]
    title: String,
    #[validate(length(max = 10000))]
    #[serde(default)]
    body: String,
}
// ANCHOR_END: input

#[derive(Clone, Default)]
struct Notes(Arc<Mutex<(u64, BTreeMap<u64, Note>)>>);

impl Notes {
    fn with<R>(&self, f: impl FnOnce(&mut (u64, BTreeMap<u64, Note>)) -> R) -> R {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

fn not_found(id: u64) -> Error {
    abort(StatusCode::NOT_FOUND).with_message(format!("There is no note {id}."))
}

#[get("/api/notes")]
async fn list(Extension(notes): Extension<Notes>) -> Json<Vec<Note>> {
    Json(notes.with(|(_, all)| all.values().cloned().collect()))
}

// ANCHOR: create
#[post("/api/notes")]
async fn create(
    writer: RequireScope<WriteNotes>,
    Extension(notes): Extension<Notes>,
    ValidJson(input): ValidJson<NoteInput>,
) -> Response {
    tracing::info!(by = %writer.subject, "a note is created");
    let note = notes.with(|(next, all)| {
        *next += 1;
        let note = Note {
            id: *next,
            title: input.title,
            body: input.body,
        };
        all.insert(note.id, note.clone());
        note
    });
    let location = show::url(note.id);
    (
        StatusCode::CREATED,
        [(
            framework_core::http::header::LOCATION,
            location.into_string(),
        )],
        Json(note),
    )
        .into_response()
}
// ANCHOR_END: create

#[get("/api/notes/<id>")]
async fn show(id: u64, Extension(notes): Extension<Notes>) -> Result<Json<Note>> {
    notes
        .with(|(_, all)| all.get(&id).cloned())
        .map(Json)
        .ok_or_else(|| not_found(id))
}

#[put("/api/notes/<id>", requires = WriteNotes)]
async fn update(
    id: u64,
    Extension(notes): Extension<Notes>,
    ValidJson(input): ValidJson<NoteInput>,
) -> Result<Json<Note>> {
    notes
        .with(|(_, all)| {
            let note = all.get_mut(&id)?;
            note.title = input.title;
            note.body = input.body;
            Some(note.clone())
        })
        .map(Json)
        .ok_or_else(|| not_found(id))
}

// ANCHOR: remove
#[delete("/api/notes/<id>", requires = DeleteNotes)]
async fn remove(id: u64, Extension(notes): Extension<Notes>) -> Result<StatusCode> {
    notes
        .with(|(_, all)| all.remove(&id))
        .map(|_| StatusCode::NO_CONTENT)
        .ok_or_else(|| not_found(id))
}
// ANCHOR_END: remove

/// Every 404 and 405 as a problem document too, not only the input errors.
#[errorhandler(404)]
async fn not_found_problem(error: Error) -> Response {
    problem(
        StatusCode::NOT_FOUND,
        error.message().unwrap_or("Nothing is here."),
    )
}

#[errorhandler(405)]
async fn method_problem() -> Response {
    problem(
        StatusCode::METHOD_NOT_ALLOWED,
        "This method is not allowed here.",
    )
}

fn problem(status: StatusCode, detail: &str) -> Response {
    let body = Problem::new(status).with_detail(detail).to_json();
    (
        status,
        [(framework_core::http::header::CONTENT_TYPE, PROBLEM_JSON)],
        body,
    )
        .into_response()
}

/// The app's routes; the tokens it accepts are added at startup ([`tokens`]).
fn app() -> App {
    App::new()
        .register(routes![
            list,
            create,
            show,
            update,
            remove,
            not_found_problem,
            method_problem
        ])
        .extension(Notes::default())
}

// ANCHOR: main
fn main() -> std::process::ExitCode {
    Cli::new("example-api", app())
        .setup(|app, config| async move {
            let mut settings = Settings::from_config(&config)?;
            if !settings.any() {
                let key = generate_api_key("notes_");
                eprintln!("No token is configured; this run's API key for writing is {key}");
                settings.notes_api_key = Some(key);
            }
            Ok(app.extension(tokens::token_auth(settings)?))
        })
        .main()
}
// ANCHOR_END: main

#[cfg(test)]
mod tests;
