-- Check-in lists: a ticket is admitted once per list (the fair's entrance,
-- a programme room, ...) instead of once per fair. Every scan so far was at
-- the entrance, so existing rows keep their meaning.
ALTER TABLE checkins ADD COLUMN list_key TEXT NOT NULL DEFAULT 'entrance';
DROP INDEX checkins_admitted_once;
CREATE UNIQUE INDEX checkins_admitted_once ON checkins (ticket_id, list_key) WHERE result = 'admitted';
-- The live view counts one list's admissions by fair and time.
DROP INDEX checkins_fair_time;
CREATE INDEX checkins_fair_time ON checkins (fair_id, list_key, scanned_at) WHERE result = 'admitted';
