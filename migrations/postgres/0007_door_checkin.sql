-- Door check-in: an append-only log of scans, idempotent by the scanning
-- device's nonce; tokens for hardware scanners and other systems; the
-- organiser's slot tolerance; walk-ins registered at the door.

-- Minutes a ticket holder may come before their slot starts or after it ends.
ALTER TABLE fairs ADD COLUMN checkin_tolerance_minutes BIGINT NOT NULL DEFAULT 30;

-- Walk-ins may come without an e-mail address: the one-per-address rule
-- only counts addresses.
ALTER TABLE registrations ADD COLUMN walk_in BIGINT NOT NULL DEFAULT 0;
DROP INDEX registrations_one_per_email;
CREATE UNIQUE INDEX registrations_one_per_email ON registrations (fair_id, email) WHERE status <> 'cancelled' AND email <> '';

CREATE TABLE door_tokens (
    id BIGSERIAL PRIMARY KEY,
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    -- SHA-256 of the token; the token itself is shown once.
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX door_tokens_fair ON door_tokens (fair_id);

-- Rows are only ever added. A ticket is admitted once: later scans of it
-- are logged as duplicates, refusals with their reason.
CREATE TABLE checkins (
    id BIGSERIAL PRIMARY KEY,
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    ticket_id BIGINT NOT NULL,
    slot_id BIGINT,
    result TEXT NOT NULL CHECK (result IN ('admitted', 'duplicate', 'refused')),
    reason TEXT NOT NULL DEFAULT '',
    gate TEXT NOT NULL DEFAULT '',
    device TEXT NOT NULL DEFAULT '',
    staff_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    door_token_id BIGINT REFERENCES door_tokens (id) ON DELETE SET NULL,
    nonce TEXT NOT NULL,
    -- When the device scanned (offline scans arrive later), and when the
    -- server wrote the row.
    scanned_at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    offline BIGINT NOT NULL DEFAULT 0,
    UNIQUE (fair_id, nonce)
);
CREATE UNIQUE INDEX checkins_admitted_once ON checkins (ticket_id) WHERE result = 'admitted';
CREATE INDEX checkins_fair_time ON checkins (fair_id, scanned_at) WHERE result = 'admitted';
