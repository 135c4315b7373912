-- Personal invitations to a fair (jobseekers to register, employers to book),
-- and addresses that asked for no more invitations.
CREATE TABLE fair_invites (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('jobseeker', 'employer')),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'de',
    slot_id INTEGER REFERENCES time_slots (id) ON DELETE SET NULL,
    token_hash TEXT NOT NULL UNIQUE,
    unsubscribe_hash TEXT NOT NULL UNIQUE,
    invited_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER,
    UNIQUE (fair_id, kind, email)
);
CREATE INDEX fair_invites_fair ON fair_invites (fair_id, id);

CREATE TABLE unsubscribes (
    email TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
);

-- The List-Unsubscribe address of a mail, when it has one.
ALTER TABLE mail_outbox ADD COLUMN list_unsubscribe TEXT;
