-- A person is the issuer and subject of their token; the name columns keep what is shown.
-- Rows written before have no issuer or subject: the four-eyes rule then compares names, so an
-- old record can never let a person approve their own text.

ALTER TABLE alerts
    ADD COLUMN created_by_issuer  text,
    ADD COLUMN created_by_subject text;

ALTER TABLE alert_audit
    ADD COLUMN actor_issuer  text,
    ADD COLUMN actor_subject text;

-- Idempotency keys are scoped to the person: principal now holds the subject, with its issuer.
-- Keys stored before (by name) match nobody and are forgotten after the retention period.
ALTER TABLE idempotency_keys ADD COLUMN issuer text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (issuer, principal, idempotency_key);
