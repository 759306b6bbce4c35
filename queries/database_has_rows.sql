-- Whether each table no page can do without has at least one row (checked when a database
-- file is first opened; an empty one is treated like a missing one).
SELECT EXISTS (FROM sources) AS sources, EXISTS (FROM regions) AS regions,
       EXISTS (FROM observations) AS observations;
