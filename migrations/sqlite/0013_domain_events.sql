-- What happened, recorded in the transaction of the change (see
-- app/src/events): the source of the mail outbox today, of webhooks and the
-- audit log next. Ids only; the rows go with the fair (and the retention
-- purge).
CREATE TABLE domain_events (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    occurred_at INTEGER NOT NULL
);
CREATE INDEX domain_events_fair ON domain_events (fair_id, id);
