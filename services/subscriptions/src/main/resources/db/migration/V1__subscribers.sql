-- Subscribers of Tocsin: the source of truth of the compacted subscriptions topic.

-- The zone catalogue of alert-intake, as read from the zones topic (no geometry). A zone that
-- left the catalogue stays as a deleted row, so that replaying the topic cannot bring it back.
CREATE TABLE zone (
    zone_id      text             PRIMARY KEY,
    kind         text             NOT NULL,
    names        jsonb            NOT NULL,
    parent_id    text,
    postcodes    text[]           NOT NULL DEFAULT '{}',
    latitude     double precision NOT NULL,
    longitude    double precision NOT NULL,
    valid_until  timestamptz,
    changed_at   timestamptz      NOT NULL,
    deleted      boolean          NOT NULL DEFAULT false,
    search_text  text             NOT NULL
);
CREATE INDEX zone_postcodes ON zone USING gin (postcodes);

CREATE TABLE subscriber (
    id                     uuid        PRIMARY KEY,
    -- Grows with every change; published as SubscriberChanged.revision.
    revision               bigint      NOT NULL,
    language               text        NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
    declined_categories    text[]      NOT NULL DEFAULT '{}',
    accessibility          text[]      NOT NULL DEFAULT '{}',
    -- SHA-256 of the management token; the token itself is never stored.
    management_token_hash  bytea       NOT NULL UNIQUE,
    -- Whether the last event published for this subscriber is a value (not a tombstone).
    published              boolean     NOT NULL DEFAULT false,
    created_at             timestamptz NOT NULL,
    changed_at             timestamptz NOT NULL
);
CREATE INDEX subscriber_unpublished ON subscriber (changed_at) WHERE NOT published;

-- Personal data: addresses are never logged, only returned to the subscription's holder.
CREATE TABLE contact (
    id             uuid        PRIMARY KEY,
    subscriber_id  uuid        NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    channel        text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'PUSH')),
    address        text        NOT NULL,
    region         text,
    push_p256dh    text,
    push_auth      text,
    created_at     timestamptz NOT NULL,
    verified_at    timestamptz,
    UNIQUE (subscriber_id, channel, address),
    CHECK (channel <> 'PUSH' OR (push_p256dh IS NOT NULL AND push_auth IS NOT NULL))
);
-- A verified address belongs to one subscription only.
CREATE UNIQUE INDEX contact_verified_address ON contact (channel, address)
    WHERE verified_at IS NOT NULL;

CREATE TABLE location (
    subscriber_id  uuid             NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    position       smallint         NOT NULL CHECK (position BETWEEN 0 AND 4),
    label          text             NOT NULL,
    latitude       double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude      double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    PRIMARY KEY (subscriber_id, position)
);

CREATE TABLE zone_subscription (
    subscriber_id  uuid NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    zone_id        text NOT NULL REFERENCES zone (zone_id),
    PRIMARY KEY (subscriber_id, zone_id)
);
CREATE INDEX zone_subscription_zone ON zone_subscription (zone_id);

-- Codes sent to contacts, salted and hashed; one per contact and purpose at a time.
CREATE TABLE verification_code (
    id          uuid        PRIMARY KEY,
    contact_id  uuid        NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    purpose     text        NOT NULL CHECK (purpose IN ('VERIFY', 'MANAGE')),
    salt        bytea       NOT NULL,
    code_hash   bytea       NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    UNIQUE (contact_id, purpose)
);
CREATE INDEX verification_code_expires ON verification_code (expires_at);
