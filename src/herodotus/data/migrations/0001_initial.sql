-- Initial schema: articles, the events coded from them, quotes and rejected records.
-- Migrations run inside one transaction opened by the store: no BEGIN/COMMIT here.
-- Primary keys are the stable ids of the value objects, so that writing the same
-- batch twice adds nothing (INSERT ... ON CONFLICT DO NOTHING).

CREATE TABLE articles (
    article_id   VARCHAR PRIMARY KEY,
    date         DATE,
    date_origin  VARCHAR NOT NULL,
    title        VARCHAR,
    text         VARCHAR NOT NULL,
    url          VARCHAR,
    source       VARCHAR,
    origin       VARCHAR,
    ingested_at  TIMESTAMP NOT NULL  -- UTC
);

CREATE TABLE events (
    event_id          VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    sentence_index    INTEGER NOT NULL,
    sentence          VARCHAR NOT NULL,
    trigger_text      VARCHAR NOT NULL,
    trigger_start     INTEGER NOT NULL,
    trigger_end       INTEGER NOT NULL,
    source_code       VARCHAR,
    source_country    VARCHAR,
    source_sector     VARCHAR,
    source_name       VARCHAR,
    source_text       VARCHAR NOT NULL,
    source_start      INTEGER NOT NULL,
    source_end        INTEGER NOT NULL,
    -- The target columns are all NULL for an event without a target.
    target_code       VARCHAR,
    target_country    VARCHAR,
    target_sector     VARCHAR,
    target_name       VARCHAR,
    target_text       VARCHAR,
    target_start      INTEGER,
    target_end        INTEGER,
    cameo             VARCHAR NOT NULL,
    cameo_root        VARCHAR NOT NULL,
    plover            VARCHAR,
    plover_mode       VARCHAR,
    quad_class        INTEGER NOT NULL,
    goldstein         DOUBLE NOT NULL,
    date              DATE,
    date_precision    VARCHAR NOT NULL,
    -- The location columns are all NULL for an event without a place.
    location_name     VARCHAR,
    location_country  VARCHAR,
    location_lat      DOUBLE,
    location_lon      DOUBLE,
    location_admin1   VARCHAR,
    negated           BOOLEAN NOT NULL,
    modality          VARCHAR NOT NULL,
    confidence        DOUBLE NOT NULL,
    coder_version     VARCHAR NOT NULL,
    count             INTEGER NOT NULL
);

-- Equality filters (article, country, dyad, CAMEO root) are what the query
-- commands use; dates and code prefixes are served by DuckDB's zone maps.
CREATE INDEX events_article_idx ON events (article_id);
CREATE INDEX events_source_country_idx ON events (source_country);
CREATE INDEX events_target_country_idx ON events (target_country);
CREATE INDEX events_cameo_root_idx ON events (cameo_root);

CREATE TABLE quotes (
    quote_id         VARCHAR PRIMARY KEY,
    article_id       VARCHAR NOT NULL,
    -- The speaker columns are all NULL for a quote without a known speaker.
    speaker_code     VARCHAR,
    speaker_country  VARCHAR,
    speaker_name     VARCHAR,
    speaker_text     VARCHAR,
    text             VARCHAR NOT NULL,
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    direct           BOOLEAN NOT NULL,
    via              VARCHAR,
    date             VARCHAR  -- as the quote carries it, not necessarily ISO
);

CREATE INDEX quotes_article_idx ON quotes (article_id);

CREATE TABLE rejects (
    reject_id    VARCHAR PRIMARY KEY,
    origin       VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    excerpt      VARCHAR NOT NULL,
    rejected_at  TIMESTAMP NOT NULL  -- UTC
);
