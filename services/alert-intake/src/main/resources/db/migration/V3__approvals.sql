-- Messages that wait for a second person (the first version of an ACTUAL alert, an UPDATE of
-- one, a CANCEL with its own texts), bound to the hash of exactly what they send, and what
-- became of them.

CREATE TABLE alert_approvals (
    id                    bigserial   PRIMARY KEY,
    alert_id              uuid        NOT NULL REFERENCES alerts (id),
    msg_type              text        NOT NULL,
    content               jsonb       NOT NULL,
    requested_area        jsonb       NOT NULL,
    requested_hash        text        NOT NULL,
    drafted_by            text        NOT NULL,
    drafted_by_issuer     text,
    drafted_by_subject    text,
    requested_by          text        NOT NULL,
    requested_by_issuer   text,
    requested_by_subject  text,
    requested_at          timestamptz NOT NULL,
    state                 text        NOT NULL,
    decided_by            text,
    decided_by_issuer     text,
    decided_by_subject    text,
    decided_at            timestamptz,
    published_version     int,
    approved_hash         text,
    reason                text
);
CREATE UNIQUE INDEX alert_approvals_one_pending ON alert_approvals (alert_id)
    WHERE state = 'PENDING';
CREATE INDEX alert_approvals_alert ON alert_approvals (alert_id, id);

-- The hash of what each published message sent.
ALTER TABLE alert_versions ADD COLUMN content_hash text;

-- Requests for approval made before approvals were bound to a content hash cannot be approved
-- any more: their alerts go back to draft, audited, and are issued again.
INSERT INTO alert_audit (alert_id, at, actor, action, from_state, to_state, version, detail)
SELECT id, now(), 'system', 'APPROVAL_DROPPED', 'APPROVAL_REQUIRED', 'DRAFT', version,
       'requests for approval are now bound to a content hash: issue the alert again'
FROM alerts WHERE state = 'APPROVAL_REQUIRED';
UPDATE alerts SET state = 'DRAFT', issue_requested_by = NULL WHERE state = 'APPROVAL_REQUIRED';
