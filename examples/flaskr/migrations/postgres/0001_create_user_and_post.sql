-- Flask's tutorial schema in PostgreSQL's words: `user` is a reserved word there,
-- hence the quotes; ids are 64-bit, as SQLite's.
CREATE TABLE IF NOT EXISTS "user" (
  id BIGSERIAL PRIMARY KEY,
  username TEXT UNIQUE NOT NULL,
  password TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS post (
  id BIGSERIAL PRIMARY KEY,
  author_id BIGINT NOT NULL REFERENCES "user" (id),
  created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  title TEXT NOT NULL,
  body TEXT NOT NULL
);
