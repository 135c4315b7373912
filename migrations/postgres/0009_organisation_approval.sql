-- New organiser organisations are approved by an installation administrator
-- before they can publish a fair or send invitations. Organisations that
-- exist already were set up by the people running the installation: approved.
-- Employers need no approval (their bookings are approved by organisers).
ALTER TABLE organisations ADD COLUMN approved_at BIGINT;
ALTER TABLE organisations ADD COLUMN declined_at BIGINT;
UPDATE organisations SET approved_at = created_at;
CREATE INDEX organisations_awaiting_approval ON organisations (created_at)
    WHERE approved_at IS NULL AND declined_at IS NULL;
