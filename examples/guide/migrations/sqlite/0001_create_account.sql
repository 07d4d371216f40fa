CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL UNIQUE,
  balance INTEGER NOT NULL CHECK (balance >= 0)
);
