-- Sign-ins through an OpenID Connect provider: which user a provider's subject is.
CREATE TABLE IF NOT EXISTS identity (
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (provider, subject),
  FOREIGN KEY (user_id) REFERENCES user (id)
);
