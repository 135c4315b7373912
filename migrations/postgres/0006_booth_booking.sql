-- Employers book booths: a request holds the booth for the employer until
-- the organiser decides (or the hold expires); fairs may confirm at once.
-- Confirmed bookings get a number from a gap-free sequence per organising
-- organisation (taken inside the confirming transaction).
ALTER TABLE fairs ADD COLUMN booking_hold_hours BIGINT NOT NULL DEFAULT 72;
ALTER TABLE fairs ADD COLUMN booking_auto_confirm BIGINT NOT NULL DEFAULT 0;
-- Employers may cancel a confirmed booking until this many days before the start.
ALTER TABLE fairs ADD COLUMN booking_cancel_days BIGINT NOT NULL DEFAULT 14;

-- Comma-separated extras the employer chose (power, table, screen).
ALTER TABLE booth_bookings ADD COLUMN extras TEXT NOT NULL DEFAULT '';
-- The booth's price when it was requested, in cents.
ALTER TABLE booth_bookings ADD COLUMN price_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE booth_bookings ADD COLUMN held_until BIGINT;
ALTER TABLE booth_bookings ADD COLUMN requested_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE booth_bookings ADD COLUMN decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
-- The organiser's message with a decision.
ALTER TABLE booth_bookings ADD COLUMN message TEXT NOT NULL DEFAULT '';
ALTER TABLE booth_bookings ADD COLUMN number_organisation_id BIGINT REFERENCES organisations (id);
ALTER TABLE booth_bookings ADD COLUMN number BIGINT;
ALTER TABLE booth_bookings ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX booth_bookings_number ON booth_bookings (number_organisation_id, number);
CREATE INDEX booth_bookings_holds ON booth_bookings (held_until) WHERE status = 'held';

CREATE TABLE booking_sequences (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    last_number BIGINT NOT NULL
);

-- What an employer shows of itself in the fair's exhibitor directory.
CREATE TABLE employer_profiles (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    address TEXT NOT NULL DEFAULT '',
    -- One code of the industry catalogue (logistics, aviation, ...).
    industry TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    -- Comma-separated language codes spoken at the booth.
    languages TEXT NOT NULL DEFAULT '',
    film_url TEXT NOT NULL DEFAULT '',
    -- The logo as uploaded (PNG, JPEG or WebP, checked by its first bytes).
    logo BYTEA,
    logo_type TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

-- Jobs an employer brings to a fair: start date (YYYY-MM-DD, or empty for
-- "by arrangement"), languages needed, a short description.
ALTER TABLE jobs ADD COLUMN starts_on TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN description TEXT NOT NULL DEFAULT '';
