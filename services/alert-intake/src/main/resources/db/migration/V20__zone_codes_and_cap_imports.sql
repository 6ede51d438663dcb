-- The codes zones carry in other systems' code lists (NIS/INS, LAU, NUTS, ...), so that CAP
-- geocodes resolve to zones. A code names one zone; it goes with the zone.
CREATE TABLE zone_codes (
    scheme   text NOT NULL,
    code     text NOT NULL,
    zone_id  text NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    PRIMARY KEY (scheme, code)
);
CREATE INDEX zone_codes_zone ON zone_codes (zone_id);

-- Every CAP Alert message imported, by its identity (sender, identifier): the same message
-- twice makes one alert.
CREATE TABLE cap_imports (
    sender       text        NOT NULL,
    identifier   text        NOT NULL,
    alert_id     uuid        NOT NULL REFERENCES alerts (id),
    imported_at  timestamptz NOT NULL,
    PRIMARY KEY (sender, identifier)
);
