-- Admins may delete any post, not only their own.
ALTER TABLE "user" ADD COLUMN admin BOOLEAN NOT NULL DEFAULT FALSE;
