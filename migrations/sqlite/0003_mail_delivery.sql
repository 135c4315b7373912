-- Mail delivery: who a mail is sent on behalf of (sender name, Reply-To),
-- which organisation may see it in the mail viewer, and the lease of a
-- worker that is sending it (status 'sending' until next_attempt_at).
ALTER TABLE mail_outbox ADD COLUMN organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL;
ALTER TABLE mail_outbox ADD COLUMN sender_name TEXT;
ALTER TABLE mail_outbox ADD COLUMN reply_to TEXT;
CREATE INDEX mail_outbox_org ON mail_outbox (organisation_id, id);
CREATE INDEX mail_outbox_recipient ON mail_outbox (recipient);
