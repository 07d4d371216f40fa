//! Chapter "The request lifecycle", section "Blocking work": a plain `fn` view runs
//! on the blocking pool; an async view hands its blocking call to it.

// ANCHOR: blocking
use framework_core::prelude::*;
use framework_sessions::password::check_password_hash_async;

/// A plain `fn`: the framework runs it on tokio's blocking pool, so the file read
/// (or a synchronous database call) holds up no other request.
#[get("/motd")]
pub fn motd() -> Result<String> {
    let text = std::fs::read_to_string("/etc/motd").unwrap_or_default();
    Ok(format!("Message of the day: {}", text.trim()))
}

/// An async view with one blocking call in it: `spawn_blocking` for that call alone.
#[get("/checksum")]
pub async fn checksum() -> Result<String> {
    let digest = tokio::task::spawn_blocking(|| {
        let bytes = std::fs::read("/etc/hostname").unwrap_or_default();
        bytes
            .iter()
            .fold(0u32, |sum, b| sum.wrapping_add(u32::from(*b)))
    })
    .await?;
    Ok(format!("{digest:08x}"))
}

/// Password hashes take tens of milliseconds and 32 MiB each: the `_async`
/// functions run them on the blocking pool, one per core at a time.
#[post("/check")]
pub async fn check(Form(login): Form<Login>) -> &'static str {
    // The stored hash, as an app's user table holds it (the password is `test`).
    let stored = "pbkdf2:sha256:50000$TCI4GzcX$0de171a4f4dac32e3364c7ddc7c14f3e2fa61f2d17574483f7ffbb431b4acb2f";
    if check_password_hash_async(stored.to_owned(), login.password).await {
        "welcome"
    } else {
        "no"
    }
}

#[derive(serde::Deserialize)]
pub struct Login {
    pub password: String,
}

pub fn app() -> App {
    App::new().register(routes![motd, checksum, check])
}
// ANCHOR_END: blocking
