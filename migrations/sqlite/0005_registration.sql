-- Jobseeker registration: waitlist, personal ticket link, interests, consent;
-- signed tickets with revocation; per-fair signing keys (public halves only,
-- the secret halves are derived from the server's configured secret);
-- bookmarks for the day's route; attachments of mails.

-- SQLite cannot change a CHECK constraint, so the table is rebuilt (nothing
-- refers to it yet).
CREATE TABLE registrations_new (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    slot_id INTEGER NOT NULL REFERENCES time_slots (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    locale TEXT NOT NULL DEFAULT 'de',
    -- Comma-separated codes of industries and job types.
    interests TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'waiting', 'cancelled')),
    -- SHA-256 of the personal link's token.
    access_hash TEXT UNIQUE,
    -- Random; with the server's ticket secret it gives the link's token, so
    -- "send again" repeats the same link.
    link_nonce TEXT NOT NULL DEFAULT '',
    invite_id INTEGER REFERENCES fair_invites (id) ON DELETE SET NULL,
    consented_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
INSERT INTO registrations_new (id, fair_id, slot_id, name, email, locale, status, created_at, updated_at)
    SELECT id, fair_id, slot_id, name, email, locale, status, created_at, created_at FROM registrations;
DROP TABLE registrations;
ALTER TABLE registrations_new RENAME TO registrations;
CREATE UNIQUE INDEX registrations_one_per_email ON registrations (fair_id, email) WHERE status <> 'cancelled';
CREATE INDEX registrations_fair ON registrations (fair_id, created_at);
CREATE INDEX registrations_waitlist ON registrations (slot_id, id) WHERE status = 'waiting';

-- Whether an invitation code may be used by someone other than the invited address.
ALTER TABLE fairs ADD COLUMN invites_forwardable INTEGER NOT NULL DEFAULT 0;

CREATE TABLE ticket_keys (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    key_id INTEGER NOT NULL,
    public_key TEXT NOT NULL,
    -- Random, not secret: with the configured secret it gives the signing key.
    salt TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    retired_at INTEGER,
    UNIQUE (fair_id, key_id)
);

CREATE TABLE tickets (
    -- Random (drawn before the registration's transaction, so the signed
    -- QR code and its mail are ready before the write starts); fits 32 bits.
    id INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    slot_id INTEGER NOT NULL REFERENCES time_slots (id),
    short_code TEXT NOT NULL,
    -- The signed text of the QR code.
    payload TEXT NOT NULL DEFAULT '',
    issued_at INTEGER NOT NULL,
    revoked_at INTEGER,
    UNIQUE (fair_id, short_code)
);
CREATE INDEX tickets_registration ON tickets (registration_id);
CREATE INDEX tickets_revoked ON tickets (fair_id) WHERE revoked_at IS NOT NULL;

CREATE TABLE bookmarks (
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (registration_id, organisation_id)
);

CREATE TABLE mail_attachments (
    id INTEGER PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES mail_outbox (id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    -- Set for parts shown inside the HTML (`cid:` links), empty for downloads.
    content_id TEXT NOT NULL DEFAULT '',
    data BLOB NOT NULL
);
CREATE INDEX mail_attachments_outbox ON mail_attachments (outbox_id);
