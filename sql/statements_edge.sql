--
-- statements() and speakers(): NULL, empty and quotation-less input; version
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;

-- STRICT: NULL input gives no rows
SELECT count(*) FROM statements(NULL);
SELECT count(*) FROM speakers(NULL);
SELECT stance_version() IS NOT NULL AS has_version;

-- empty and blank input: no rows
SELECT count(*) FROM statements('');
SELECT count(*) FROM speakers('');
SELECT count(*) FROM statements(E' \n\n\t ');

-- text without any quotation
SELECT count(*) FROM statements('The council met on Monday and approved the budget for the next year. The vote was unanimous.');
SELECT count(*) FROM speakers('The council met on Monday and approved the budget for the next year. The vote was unanimous.');

-- a lone quotation mark and a lone apostrophe
SELECT count(*) FROM statements('"');
SELECT count(*) FROM statements('''');
SELECT count(*) FROM statements('“”');

-- version string: extension, engine and ICU versions
SELECT stance_version() ~ ('^stance ' || replace(extversion, '.', '\.') ||
						   ' \(engine [0-9.]+, ICU [0-9.]+\)$') AS version_format
FROM pg_extension WHERE extname = 'stance';

-- the functions are immutable, strict and parallel safe
SELECT proname, provolatile, proisstrict, proparallel, proretset
FROM pg_proc
WHERE proname IN ('sentences', 'statements', 'speakers', 'stance_version')
ORDER BY proname;

-- usable with LATERAL over a table
CREATE TEMP TABLE articles (id int, body text);
INSERT INTO articles VALUES
	(1, '"We are ready," said Anna Berg.'),
	(2, 'No quotation here.'),
	(3, NULL),
	(4, ''),
	(5, '"Not yet," said Tom Fox. "Maybe next week," he added.');
SELECT a.id, s.n, s.speaker, s.content
FROM articles a, LATERAL statements(a.body) s
ORDER BY a.id, s.n;

-- and in parallel workers (the functions are PARALLEL SAFE)
CREATE TABLE stance_par (id int, body text);
INSERT INTO stance_par
SELECT i, format('"Item %s is ready," said Anna Berg. "So is item %s," she added.', i, i + 1)
FROM generate_series(1, 200) i;
ANALYZE stance_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
SELECT count(*) AS statements, count(DISTINCT speaker) AS speakers,
	   bool_and(substr(body, content_start, content_length) = content) AS content_ok
FROM stance_par p, LATERAL statements(p.body) s;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE stance_par;
