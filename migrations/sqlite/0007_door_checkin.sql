-- Door check-in: an append-only log of scans, idempotent by the scanning
-- device's nonce; tokens for hardware scanners and other systems; the
-- organiser's slot tolerance; walk-ins registered at the door.

-- Minutes a ticket holder may come before their slot starts or after it ends.
ALTER TABLE fairs ADD COLUMN checkin_tolerance_minutes INTEGER NOT NULL DEFAULT 30;

-- Walk-ins may come without an e-mail address: the one-per-address rule
-- only counts addresses.
ALTER TABLE registrations ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0;
DROP INDEX registrations_one_per_email;
CREATE UNIQUE INDEX registrations_one_per_email ON registrations (fair_id, email) WHERE status <> 'cancelled' AND email <> '';

CREATE TABLE door_tokens (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    -- SHA-256 of the token; the token itself is shown once.
    token_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX door_tokens_fair ON door_tokens (fair_id);

-- Rows are only ever added. A ticket is admitted once: later scans of it
-- are logged as duplicates, refusals with their reason.
CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL,
    slot_id INTEGER,
    result TEXT NOT NULL CHECK (result IN ('admitted', 'duplicate', 'refused')),
    reason TEXT NOT NULL DEFAULT '',
    gate TEXT NOT NULL DEFAULT '',
    device TEXT NOT NULL DEFAULT '',
    staff_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    door_token_id INTEGER REFERENCES door_tokens (id) ON DELETE SET NULL,
    nonce TEXT NOT NULL,
    -- When the device scanned (offline scans arrive later), and when the
    -- server wrote the row.
    scanned_at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    offline INTEGER NOT NULL DEFAULT 0,
    UNIQUE (fair_id, nonce)
);
CREATE UNIQUE INDEX checkins_admitted_once ON checkins (ticket_id) WHERE result = 'admitted';
CREATE INDEX checkins_fair_time ON checkins (fair_id, scanned_at) WHERE result = 'admitted';
