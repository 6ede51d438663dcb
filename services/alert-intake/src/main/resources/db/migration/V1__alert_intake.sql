-- alert-intake: the zone catalogue, alerts with their issued versions, the audit trail and the
-- idempotency keys. Geometry is stored as WKB and indexed in memory (JTS STRtree).

CREATE TABLE zones (
    id             text        PRIMARY KEY,
    kind           text        NOT NULL,
    names          jsonb       NOT NULL,
    parent_id      text,
    postcodes      text[]      NOT NULL DEFAULT '{}',
    geometry       bytea       NOT NULL,
    interior_lat   double precision NOT NULL,
    interior_lon   double precision NOT NULL,
    valid_until    timestamptz,
    changed_at     timestamptz NOT NULL
);
CREATE INDEX zones_kind ON zones (kind);
CREATE INDEX zones_parent ON zones (parent_id);

-- Incremented by every change of the catalogue, so that each instance knows when to reload its
-- in-memory index.
CREATE TABLE zone_catalogue_revision (
    single    boolean PRIMARY KEY DEFAULT true CHECK (single),
    revision  bigint  NOT NULL
);
INSERT INTO zone_catalogue_revision (single, revision) VALUES (true, 0);

CREATE TABLE alerts (
    id                  uuid        PRIMARY KEY,
    state               text        NOT NULL,
    status              text        NOT NULL,
    severity            text        NOT NULL,
    event               text        NOT NULL,
    content             jsonb       NOT NULL,
    version             int         NOT NULL DEFAULT 0,
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL,
    issue_requested_by  text,
    approved_by         text,
    updated_at          timestamptz NOT NULL,
    expires             timestamptz NOT NULL,
    imported_from       text
);
CREATE INDEX alerts_state_expires ON alerts (state, expires);
CREATE INDEX alerts_created_at ON alerts (created_at DESC);

-- Every message published for an alert: ALERT (version 1), then UPDATEs and a CANCEL.
CREATE TABLE alert_versions (
    alert_id     uuid        NOT NULL REFERENCES alerts (id),
    version      int         NOT NULL,
    identifier   text        NOT NULL UNIQUE,
    sender       text        NOT NULL,
    msg_type     text        NOT NULL,
    sent         timestamptz NOT NULL,
    issued_by    text        NOT NULL,
    approved_by  text,
    content      jsonb       NOT NULL,
    area         jsonb       NOT NULL,
    PRIMARY KEY (alert_id, version)
);

-- The zones the area of an alert that is not over yet names or touches: a zone in use cannot
-- be deleted. Rows go when the alert is over (cancelled, expired, rejected).
CREATE TABLE alert_zones (
    alert_id  uuid NOT NULL REFERENCES alerts (id),
    zone_id   text NOT NULL REFERENCES zones (id),
    PRIMARY KEY (alert_id, zone_id)
);
CREATE INDEX alert_zones_zone ON alert_zones (zone_id);

CREATE TABLE alert_audit (
    id              bigserial   PRIMARY KEY,
    alert_id        uuid        NOT NULL REFERENCES alerts (id),
    at              timestamptz NOT NULL,
    actor           text        NOT NULL,
    action          text        NOT NULL,
    from_state      text,
    to_state        text        NOT NULL,
    version         int         NOT NULL,
    remote_address  text,
    user_agent      text,
    detail          text
);
CREATE INDEX alert_audit_alert ON alert_audit (alert_id, id);

-- A create or issue request accepted under an Idempotency-Key, with its first response.
CREATE TABLE idempotency_keys (
    principal        text        NOT NULL,
    idempotency_key  text        NOT NULL,
    request_hash     text        NOT NULL,
    response_status  int         NOT NULL,
    response_body    text        NOT NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
