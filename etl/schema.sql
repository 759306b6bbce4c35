-- Qogam public data model. Table and column names are a contract (docs/data-model.md).
-- Constraints live here so that a bad row fails the load, not a chart.

CREATE TABLE sources (
    source_id      VARCHAR PRIMARY KEY,
    title          VARCHAR NOT NULL,
    publisher      VARCHAR NOT NULL,
    year_published INTEGER NOT NULL CHECK (year_published BETWEEN 1990 AND 2100),
    language       VARCHAR NOT NULL CHECK (language IN ('en', 'ru', 'kk')),
    data_years     VARCHAR NOT NULL,
    terms          VARCHAR NOT NULL,
    file           VARCHAR NOT NULL,
    original_file  VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL CHECK (length(sha256) = 64),
    n_lines        INTEGER NOT NULL
);

CREATE TABLE regions (
    region_code  VARCHAR PRIMARY KEY,
    name_en      VARCHAR NOT NULL,
    name_ru      VARCHAR NOT NULL,
    name_kk      VARCHAR NOT NULL,
    -- 'international' (INT, several countries) and 'unknown' (ZZ, place not stated) are pseudo-regions:
    -- no coordinates, never a map point.
    kind         VARCHAR NOT NULL CHECK (kind IN ('country', 'region', 'city', 'international', 'unknown')),
    lat          DOUBLE CHECK (lat BETWEEN 40 AND 56),
    lon          DOUBLE CHECK (lon BETWEEN 46 AND 88),
    created_year INTEGER,
    carved_from  VARCHAR,
    CHECK ((lat IS NULL AND lon IS NULL) = (kind IN ('international', 'unknown')))
);

CREATE TABLE region_aliases (
    alias       VARCHAR NOT NULL,
    region_code VARCHAR NOT NULL REFERENCES regions (region_code),
    lang        VARCHAR NOT NULL,
    note        VARCHAR
);

CREATE TABLE indicators (
    indicator_id VARCHAR PRIMARY KEY,
    topic        VARCHAR NOT NULL CHECK (topic IN ('volunteers', 'ngos', 'funding', 'survey', 'practices')),
    name_en      VARCHAR NOT NULL,
    name_ru      VARCHAR NOT NULL,
    name_kk      VARCHAR NOT NULL,
    unit         VARCHAR NOT NULL,
    description  VARCHAR NOT NULL,
    shares_of_whole BOOLEAN NOT NULL DEFAULT false   -- categories split one whole (disagreements rule shares_sum)
);

-- How a figure was counted (data/reference/bases.toml): observations.basis is one of these ids.
CREATE TABLE bases (
    basis_id    VARCHAR PRIMARY KEY,
    name_en     VARCHAR NOT NULL,
    name_ru     VARCHAR NOT NULL,
    name_kk     VARCHAR NOT NULL,
    description VARCHAR NOT NULL
);

CREATE TABLE source_lines (
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    line      INTEGER NOT NULL CHECK (line >= 1),
    text      VARCHAR NOT NULL,   -- repaired text (equal to raw outside the 2021 book)
    raw       VARCHAR NOT NULL,   -- the line exactly as in the snapshot
    repaired  BOOLEAN NOT NULL,   -- true when a font-shifted run was decoded on this line
    lost      INTEGER NOT NULL,   -- characters lost for good (shown as the LOST placeholder)
    page      INTEGER,            -- page of a PDF source; NULL for text snapshots
    PRIMARY KEY (source_id, line)
);

CREATE TABLE practices (
    practice_id  VARCHAR PRIMARY KEY,
    title        VARCHAR NOT NULL,
    organization VARCHAR,
    org_id       VARCHAR,
    region_code  VARCHAR NOT NULL REFERENCES regions (region_code),
    city         VARCHAR,
    lat          DOUBLE CHECK (lat IS NULL OR lat BETWEEN 40.5 AND 55.5),
    lon          DOUBLE CHECK (lon IS NULL OR lon BETWEEN 46.5 AND 87.5),
    scope        VARCHAR NOT NULL CHECK (scope IN ('local', 'regional', 'national', 'online', 'international')),
    themes       VARCHAR[] NOT NULL CHECK (len(themes) >= 1),   -- top-level theme ids (practice_vocabulary.toml)
    focus_areas  VARCHAR[] NOT NULL,                            -- sub-themes (the compendium's focus areas)
    target_groups VARCHAR[] NOT NULL,
    lead         VARCHAR,
    year_started INTEGER,
    summary      VARCHAR NOT NULL,
    links        VARCHAR[] NOT NULL,
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id),
    line         INTEGER NOT NULL,   -- catalog entry
    profile_line INTEGER             -- long profile
);

-- Every passage that describes a practice, in any document: its entry (the passage that lists
-- it in a document), the compendium's long profile, other mentions.
CREATE TABLE practice_mentions (
    practice_id VARCHAR NOT NULL REFERENCES practices (practice_id),
    source_id   VARCHAR NOT NULL REFERENCES sources (source_id),
    line        INTEGER NOT NULL CHECK (line >= 1),
    end_line    INTEGER NOT NULL CHECK (end_line >= line),
    role        VARCHAR NOT NULL CHECK (role IN ('entry', 'profile', 'mention')),
    PRIMARY KEY (practice_id, source_id, line)
);

CREATE TABLE organizations (
    org_id      VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    name_ru     VARCHAR,
    abbreviation VARCHAR,
    kind        VARCHAR NOT NULL CHECK (kind IN ('public_association', 'foundation', 'initiative_group',
                                                 'union_network', 'state_body', 'business',
                                                 'international', 'other')),
    region_code VARCHAR REFERENCES regions (region_code),
    city        VARCHAR,
    founded     INTEGER CHECK (founded IS NULL OR founded BETWEEN 1850 AND 2030),
    focus       VARCHAR,
    website     VARCHAR
);

CREATE TABLE organization_mentions (
    org_id    VARCHAR NOT NULL REFERENCES organizations (org_id),
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    line      INTEGER NOT NULL,
    alias     VARCHAR NOT NULL,
    PRIMARY KEY (org_id, source_id, line, alias)
);

CREATE TABLE observations (
    obs_id      VARCHAR PRIMARY KEY,
    indicator_id VARCHAR NOT NULL REFERENCES indicators (indicator_id),
    region_code VARCHAR NOT NULL REFERENCES regions (region_code),
    year_start  INTEGER NOT NULL CHECK (year_start BETWEEN 1990 AND 2030),
    year_end    INTEGER NOT NULL CHECK (year_end >= year_start AND year_end <= 2030),
    category    VARCHAR,               -- breakdown member: 'female', '18-29', an area of activity, ...
    value       DOUBLE NOT NULL,       -- base units: tenge, persons, hours, percent as 0-100 (a missing figure is a gap)
    value_high  DOUBLE,                -- upper end of a published range (also of a bound: "at least 20-25%")
    unit        VARCHAR NOT NULL,
    qualifier   VARCHAR NOT NULL CHECK (qualifier IN ('exact', 'approx', 'at_least', 'more_than',
                                                      'up_to', 'less_than', 'range')),
    source_id   VARCHAR NOT NULL REFERENCES sources (source_id),
    line        INTEGER NOT NULL CHECK (line >= 1),
    quote       VARCHAR NOT NULL,
    derived     BOOLEAN NOT NULL DEFAULT false,
    method      VARCHAR,
    note        VARCHAR,
    practice_id VARCHAR,
    basis       VARCHAR NOT NULL REFERENCES bases (basis_id),   -- how it was counted
    restates    VARCHAR,               -- obs_id of the same document's first statement of this figure
    CHECK (unit <> 'percent' OR (value BETWEEN 0 AND 100 AND coalesce(value_high, 0) <= 100)),
    CHECK (value_high IS NULL OR value_high > value),
    CHECK (NOT derived OR method IS NOT NULL),
    CHECK (derived = (basis = 'derived'))
);

-- Observations that cannot all hold (etl/disagreements.py): one row per member of each group.
CREATE TABLE disagreements (
    group_id VARCHAR NOT NULL,
    obs_id   VARCHAR NOT NULL REFERENCES observations (obs_id),
    rule     VARCHAR NOT NULL CHECK (rule IN ('values', 'shares_sum')),
    PRIMARY KEY (group_id, obs_id)
);

CREATE TABLE mentions (
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    line      INTEGER NOT NULL,
    text      VARCHAR NOT NULL,
    lang      VARCHAR NOT NULL,
    numbers   DOUBLE[] NOT NULL,
    number_texts VARCHAR[] NOT NULL,
    topics    VARCHAR[] NOT NULL,
    region_codes VARCHAR[] NOT NULL,
    search_text VARCHAR NOT NULL        -- casefolded, digit groups joined: what evidence search matches
);

CREATE TABLE gaps (
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    line      INTEGER NOT NULL,
    caption   VARCHAR NOT NULL,
    topic     VARCHAR NOT NULL,
    would_show VARCHAR NOT NULL
);

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Regional visits of a national team (the 2023 report's "Справка по выезду в ..." sections),
-- read by a source's read_region_visits hook (etl/region_visits.py). As published: no year is
-- added to a date the report prints without one.
CREATE TABLE region_visits (
    visit_id    VARCHAR PRIMARY KEY,
    region_code VARCHAR NOT NULL REFERENCES regions (region_code),
    source_id   VARCHAR NOT NULL REFERENCES sources (source_id),
    line        INTEGER NOT NULL CHECK (line >= 1),   -- the section's heading
    end_line    INTEGER NOT NULL CHECK (end_line >= line),
    heading     VARCHAR NOT NULL,
    visit_date  VARCHAR NOT NULL,      -- the first date the section prints, as printed
    dates       VARCHAR[] NOT NULL,    -- each part's date, in the order printed
    met         VARCHAR[] NOT NULL     -- who was met, as printed
);

CREATE TABLE region_visit_points (
    visit_id  VARCHAR NOT NULL REFERENCES region_visits (visit_id),
    part      VARCHAR NOT NULL CHECK (part IN ('visit', 'leadership_meeting', 'seminar', 'focus_group')),
    kind      VARCHAR NOT NULL CHECK (kind IN ('observation', 'recommendation')),
    text      VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    line      INTEGER NOT NULL CHECK (line >= 1),
    end_line  INTEGER NOT NULL,
    PRIMARY KEY (visit_id, line),
    CHECK (end_line >= line)
);
