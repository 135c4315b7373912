-- Accounts, organisations and roles; sessions; throttling; password resets;
-- member invitations; the mail outbox. Times are Unix seconds (UTC).

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'de',
    created_at INTEGER NOT NULL
);

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('organiser', 'employer')),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'organiser', 'door_staff', 'member')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    client_ip TEXT NOT NULL,
    failed_at INTEGER NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, failed_at);
CREATE INDEX login_failures_ip ON login_failures (client_ip, failed_at);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE member_invites (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'organiser', 'door_staff', 'member')),
    invited_by INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    accepted_at INTEGER
);
CREATE INDEX member_invites_org ON member_invites (organisation_id);

-- Written in the same transaction as the change that causes the mail; a
-- worker delivers it (issue: mail). The idempotency key stops duplicates.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    locale TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);

-- Fairs and what the demo shows of them; later migrations extend these.
CREATE TABLE fairs (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    title_de TEXT NOT NULL,
    title_en TEXT,
    description_de TEXT NOT NULL DEFAULT '',
    description_en TEXT,
    venue_name TEXT NOT NULL,
    venue_address TEXT NOT NULL,
    time_zone TEXT NOT NULL DEFAULT 'Europe/Berlin',
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed', 'archived')),
    created_at INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);

CREATE TABLE fair_organisers (
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (fair_id, organisation_id)
);

CREATE TABLE time_slots (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    taken INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0),
    entry_mode TEXT NOT NULL DEFAULT 'open' CHECK (entry_mode IN ('open', 'invite')),
    CHECK (taken <= capacity),
    CHECK (ends_at > starts_at)
);
CREATE INDEX time_slots_fair ON time_slots (fair_id);

-- Geometry in decimetres on the hall's grid.
CREATE TABLE halls (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    width_dm INTEGER NOT NULL CHECK (width_dm > 0),
    depth_dm INTEGER NOT NULL CHECK (depth_dm > 0)
);

CREATE TABLE booths (
    id INTEGER PRIMARY KEY,
    hall_id INTEGER NOT NULL REFERENCES halls (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    x_dm INTEGER NOT NULL,
    y_dm INTEGER NOT NULL,
    width_dm INTEGER NOT NULL CHECK (width_dm > 0),
    depth_dm INTEGER NOT NULL CHECK (depth_dm > 0),
    category TEXT NOT NULL DEFAULT 'standard' CHECK (category IN ('standard', 'corner', 'premium')),
    price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    extras TEXT NOT NULL DEFAULT '',
    UNIQUE (hall_id, label)
);

CREATE TABLE booth_bookings (
    id INTEGER PRIMARY KEY,
    booth_id INTEGER NOT NULL REFERENCES booths (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('held', 'confirmed', 'rejected', 'cancelled', 'expired')),
    created_at INTEGER NOT NULL
);
-- One active booking per booth, enforced by the database.
CREATE UNIQUE INDEX booth_bookings_active ON booth_bookings (booth_id) WHERE status IN ('held', 'confirmed');

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('full_time', 'part_time', 'apprenticeship', 'mini_job', 'internship')),
    place_of_work TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    slot_id INTEGER NOT NULL REFERENCES time_slots (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'de',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX registrations_one_per_email ON registrations (fair_id, email) WHERE status = 'active';
