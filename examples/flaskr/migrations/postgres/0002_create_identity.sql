-- Sign-ins through an OpenID Connect provider: which user a provider's subject is.
CREATE TABLE IF NOT EXISTS identity (
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES "user" (id),
  PRIMARY KEY (provider, subject)
);
