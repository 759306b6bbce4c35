-- The topics of the charts lost in extraction (every gap, whatever its topic).
SELECT DISTINCT topic FROM gaps ORDER BY topic;
