-- Waitlists for everything that has places (admission slots today;
-- programme items and interview slots next). The capacity and the places
-- taken stay on the thing's own row, with its CHECK (taken <= capacity);
-- the line in front of it is here, in the order of `id`. A holder is the
-- row waiting (a registration for an admission slot). Ids only: the
-- person's data stays with the holder, and the rows go with the fair.
CREATE TABLE place_waiters (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    place_kind TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    holder_id INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    UNIQUE (place_kind, place_id, holder_id)
);
CREATE INDEX place_waiters_line ON place_waiters (place_kind, place_id, id);
CREATE INDEX place_waiters_fair ON place_waiters (fair_id);

-- Today's waitlists, in their order (the registrations' ids).
INSERT INTO place_waiters (id, fair_id, place_kind, place_id, holder_id, joined_at)
SELECT id, fair_id, 'slot', slot_id, id, created_at FROM registrations WHERE status = 'waiting';
