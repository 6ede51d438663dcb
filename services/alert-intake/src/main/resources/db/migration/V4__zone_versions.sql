-- Every import of a zone makes a new version, and every version is kept: a message sent keeps
-- the geometry of the version it was sent with, and one can see which that was.

ALTER TABLE zones ADD COLUMN version int NOT NULL DEFAULT 1;

CREATE TABLE zone_versions (
    zone_id       text             NOT NULL,
    version       int              NOT NULL,
    kind          text             NOT NULL,
    names         jsonb            NOT NULL,
    parent_id     text,
    postcodes     text[]           NOT NULL DEFAULT '{}',
    geometry      bytea            NOT NULL,
    interior_lat  double precision NOT NULL,
    interior_lon  double precision NOT NULL,
    valid_until   timestamptz,
    changed_at    timestamptz      NOT NULL,
    PRIMARY KEY (zone_id, version)
);

INSERT INTO zone_versions (zone_id, version, kind, names, parent_id, postcodes, geometry,
                           interior_lat, interior_lon, valid_until, changed_at)
SELECT id, 1, kind, names, parent_id, postcodes, geometry, interior_lat, interior_lon,
       valid_until, changed_at
FROM zones;
