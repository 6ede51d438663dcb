-- Rate limits shared by every instance of the service and kept across restarts.

-- Bucket4j's token buckets (PostgreSQL advisory-lock proxy manager). The id is a 64-bit hash of
-- the limit and its key (a client network, a contact address): no address is stored. A row
-- expires (epoch milliseconds), and is deleted, once its bucket would be full again; lock_id is
-- the advisory lock the deletion takes so as not to delete a bucket being used.
CREATE TABLE rate_limit_bucket (
    id          bigint PRIMARY KEY,
    state       bytea,
    expires_at  bigint,
    lock_id     bigint
);
CREATE INDEX rate_limit_bucket_expires ON rate_limit_bucket (expires_at);

-- The values a limit on distinct values has seen per key within its period (e.g. the mobile
-- numbers one client registered): a value seen again costs nothing. Hashes only.
CREATE TABLE rate_limit_seen (
    key_hash    bytea       NOT NULL,
    value_hash  bytea       NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (key_hash, value_hash)
);
CREATE INDEX rate_limit_seen_expires ON rate_limit_seen (expires_at);
