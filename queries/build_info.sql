-- Facts about the build (snapshot checksums, ...).
SELECT key, value FROM build_info ORDER BY key;
