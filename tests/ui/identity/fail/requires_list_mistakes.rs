// Mistakes in the writing of `requires = [..]`: something not a type in the list,
// a marker listed twice, and `requires` given twice instead of one list.
include!("../common.rs");

framework_identity::roles! {
    for Member;
    pub Moderator = "moderator";
}

#[get("/queue", requires = [Moderator, "admin"])]
async fn queue() -> &'static str {
    "queue"
}

#[get("/twice", requires = [Moderator, Moderator])]
async fn twice() -> &'static str {
    "twice"
}

#[get("/again", requires = Moderator, requires = ReadPosts)]
async fn again() -> &'static str {
    "again"
}

fn main() {
    let _ = App::new().register(routes![queue, twice, again]);
}
