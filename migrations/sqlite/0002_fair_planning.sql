-- Fair planning: the registration window, and indexes for the organiser's
-- views and the public fair page.
ALTER TABLE fairs ADD COLUMN registration_opens_at INTEGER;
ALTER TABLE fairs ADD COLUMN registration_closes_at INTEGER;
ALTER TABLE fairs ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

CREATE INDEX fair_organisers_org ON fair_organisers (organisation_id);
CREATE INDEX halls_fair ON halls (fair_id);
CREATE INDEX booths_hall ON booths (hall_id);
CREATE INDEX booth_bookings_org ON booth_bookings (organisation_id);
CREATE INDEX registrations_fair_created ON registrations (fair_id, created_at);
CREATE INDEX registrations_slot ON registrations (slot_id);
CREATE INDEX jobs_fair ON jobs (fair_id, organisation_id);
