-- Lines $first..$last of one document, as repaired and as in the snapshot.
SELECT line, text, raw, repaired, lost
FROM source_lines
WHERE source_id = $source_id AND line BETWEEN $first AND $last
ORDER BY line;
