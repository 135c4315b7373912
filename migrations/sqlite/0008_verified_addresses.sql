-- Proven addresses: an account is unverified until its owner opens the link
-- mailed to its address (or a link that proves it the same way: an
-- organisation invitation, a password reset). Accounts made before this
-- change have proven nothing and start unverified too.
ALTER TABLE users ADD COLUMN email_verified_at INTEGER;

-- Single-use links, stored hashed; they expire.
CREATE TABLE email_verifications (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX email_verifications_user ON email_verifications (user_id, created_at);
