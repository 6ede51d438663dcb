-- The transactional outbox of Tocsin's services (library tocsin-outbox).
-- A row is written in the same transaction as the state change it announces and deleted once
-- the relay has published it to Kafka. A null payload is a tombstone.
CREATE TABLE tocsin_outbox (
    id          bigserial   PRIMARY KEY,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    payload     bytea,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
