--
-- the stance type: text and binary forms, operators, operator classes,
-- functions, casts, the net_stance aggregate, the 0.1 -> 0.2 upgrade
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;
\set VERBOSITY default

--
-- text form: every label, with and without a confidence; the output always
-- has the confidence, in thousandths without trailing zeros, and reads back
-- as the same value
--
SELECT lit, lit::stance AS value, lit::stance::text::stance = lit::stance AS round_trip
FROM unnest(ARRAY[
	'against', 'neutral', 'favor',
	'against:0', 'neutral:0', 'favor:0',
	'against:1', 'neutral:1', 'favor:1',
	'against:0.5', 'neutral:0.5', 'favor:0.5',
	'against:0.82', 'neutral:0.82', 'favor:0.82',
	'against:0.123', 'neutral:0.123', 'favor:0.123'
]) WITH ORDINALITY AS t(lit, i)
ORDER BY i;

-- case, white space, other ways of writing numbers; rounding to thousandths
-- is done on the decimal digits, halves away from zero
SELECT lit, lit::stance AS value, lit::stance::text::stance = lit::stance AS round_trip
FROM unnest(ARRAY[
	'FAVOR', 'Against:0.25', E'\t neutral \n', ' favor : 0.5 ',
	'favor:.5', 'favor:1.', 'favor:1.000', 'favor:00.820', 'favor:+0.25',
	'favor:-0', 'favor:8.2e-1', 'favor:82E-2', 'favor:0.0001e3',
	'favor:0.8234', 'favor:0.0005', 'favor:0.0004999', 'favor:0.0025',
	'favor:0.9995', 'favor:0.99949999999999999999'
]) WITH ORDINALITY AS t(lit, i)
ORDER BY i;

-- every output reads back as itself: all 3003 values
SELECT count(*) AS values,
	   count(DISTINCT s) AS distinct_values,
	   bool_and(s::text::stance = s) AS round_trip,
	   bool_and(s::text = stance_label(s) || ':' || stance_confidence(s)::text) AS canonical
FROM (SELECT stance(l, c / 1000.0) AS s
	  FROM unnest(ARRAY['against', 'neutral', 'favor']) l,
		   generate_series(0, 1000) c) v;

-- malformed literals: SQLSTATE 22P02
SELECT 'maybe'::stance;
SELECT 'against:1.5'::stance;
SELECT 'against:-0.1'::stance;
SELECT 'favor:'::stance;
SELECT 'favor:abc'::stance;
SELECT 'favor:0.5x'::stance;
SELECT ''::stance;
SELECT '   '::stance;
SELECT 'neutral:NaN'::stance;
SELECT 'favor:Infinity'::stance;
SELECT 'favor:1.0001'::stance;
SELECT 'favor:1e1'::stance;
SELECT 'favor:0x1p-1'::stance;
SELECT 'favor:1e'::stance;
SELECT 'favor 0.5'::stance;
SELECT 'favour'::stance;
SELECT 'favor:0.5:0.5'::stance;
DO $$
DECLARE
	lit text;
BEGIN
	FOREACH lit IN ARRAY ARRAY['maybe', 'against:1.5', 'against:-0.1', 'favor:',
							   'favor:abc', 'favor:0.5x', '', 'neutral:NaN']
	LOOP
		BEGIN
			PERFORM lit::stance;
			RAISE NOTICE '% accepted', quote_literal(lit);
		EXCEPTION WHEN OTHERS THEN
			RAISE NOTICE '% rejected with SQLSTATE %', quote_literal(lit), SQLSTATE;
		END;
	END LOOP;
END
$$;

--
-- binary form: int16 label, int16 confidence in thousandths
--
SELECT s, stance_send(s)
FROM unnest('{against:0.82,neutral:1,favor:0,favor:0.123}'::stance[]) s;

-- round trip through a binary COPY file
CREATE TEMP TABLE stance_bin (id int, s stance);
INSERT INTO stance_bin
SELECT row_number() OVER (), stance(l, c / 1000.0)
FROM unnest(ARRAY['against', 'neutral', 'favor']) l,
	 generate_series(0, 1000, 7) c;
INSERT INTO stance_bin VALUES (-1, NULL);
SELECT '/tmp/stance_type_' || pg_backend_pid() || '.copy' AS binfile,
	   '/tmp/stance_type_' || pg_backend_pid() || '_bad.copy' AS badfile,
	   'rm -f /tmp/stance_type_' || pg_backend_pid() || '.copy /tmp/stance_type_' || pg_backend_pid() || '_bad.copy' AS rmfiles
\gset
COPY stance_bin TO :'binfile' WITH (FORMAT binary);
CREATE TEMP TABLE stance_bin2 (LIKE stance_bin);
COPY stance_bin2 FROM :'binfile' WITH (FORMAT binary);
SELECT (SELECT count(*) FROM stance_bin) AS rows_out,
	   (SELECT count(*) FROM stance_bin2) AS rows_in,
	   NOT EXISTS (SELECT s FROM stance_bin EXCEPT ALL SELECT s FROM stance_bin2)
	   AND NOT EXISTS (SELECT s FROM stance_bin2 EXCEPT ALL SELECT s FROM stance_bin) AS same_values;

-- invalid binary values are rejected (22P03): a binary COPY file with one
-- row of one field, written with lo_export
CREATE TEMP TABLE stance_bad (s stance);
CREATE FUNCTION pg_temp.copy_file(field bytea) RETURNS bytea
LANGUAGE sql AS $$
	SELECT '\x5047434f50590aff0d0a00'::bytea	-- signature
		|| '\x0000000000000000'::bytea			-- flags, header extension
		|| '\x0001'::bytea || int4send(length(field)) || field
		|| '\xffff'::bytea						-- trailer
$$;
-- first a valid one: favor:0.5
SELECT lo_from_bytea(0, pg_temp.copy_file('\x000201f4')) AS lo \gset
SELECT lo_export(:lo, :'badfile') AS exported;
COPY stance_bad FROM :'badfile' WITH (FORMAT binary);
SELECT s FROM stance_bad;
-- label 3
SELECT lo_from_bytea(0, pg_temp.copy_file('\x000301f4')) AS lo \gset
SELECT lo_export(:lo, :'badfile') AS exported;
COPY stance_bad FROM :'badfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
-- label -1
SELECT lo_from_bytea(0, pg_temp.copy_file('\xffff01f4')) AS lo \gset
SELECT lo_export(:lo, :'badfile') AS exported;
COPY stance_bad FROM :'badfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
-- confidence 1001 thousandths
SELECT lo_from_bytea(0, pg_temp.copy_file('\x000203e9')) AS lo \gset
SELECT lo_export(:lo, :'badfile') AS exported;
COPY stance_bad FROM :'badfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
-- too short, too long
SELECT lo_from_bytea(0, pg_temp.copy_file('\x0002')) AS lo \gset
SELECT lo_export(:lo, :'badfile') AS exported;
COPY stance_bad FROM :'badfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
SELECT lo_from_bytea(0, pg_temp.copy_file('\x000201f400')) AS lo \gset
SELECT lo_export(:lo, :'badfile') AS exported;
COPY stance_bad FROM :'badfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS rows_loaded FROM stance_bad;
SELECT count(lo_unlink(oid)) AS large_objects_removed FROM pg_largeobject_metadata;
COPY (SELECT WHERE false) TO PROGRAM :'rmfiles';

--
-- comparison: against < neutral < favor, then by confidence
--
CREATE TEMP TABLE stance_vals (s stance);
INSERT INTO stance_vals VALUES
	('favor:0.82'), ('against:1'), ('neutral:0'), ('favor:1'), ('against:0.5'),
	('neutral:1'), ('favor:0'), ('favor:0.82'), (NULL);

SELECT a.s AS a, b.s AS b,
	   a.s = b.s AS eq, a.s <> b.s AS ne, a.s < b.s AS lt, a.s <= b.s AS le,
	   a.s > b.s AS gt, a.s >= b.s AS ge, stance_cmp(a.s, b.s) AS cmp
FROM (VALUES ('against:0.5'::stance), ('against:1'), ('neutral:0'), ('favor:0.82')) a(s),
	 (VALUES ('against:1'::stance), ('neutral:0'), ('favor:0.82')) b(s)
ORDER BY a.s, b.s;

-- the operators agree with stance_cmp and with each other on all pairs,
-- and equal values hash alike
SELECT count(*) AS pairs,
	   bool_and((a.s = b.s) = (stance_cmp(a.s, b.s) = 0)
				AND (a.s <> b.s) = (stance_cmp(a.s, b.s) <> 0)
				AND (a.s < b.s) = (stance_cmp(a.s, b.s) < 0)
				AND (a.s <= b.s) = (stance_cmp(a.s, b.s) <= 0)
				AND (a.s > b.s) = (stance_cmp(a.s, b.s) > 0)
				AND (a.s >= b.s) = (stance_cmp(a.s, b.s) >= 0)
				AND stance_cmp(a.s, b.s) = -stance_cmp(b.s, a.s)) AS consistent,
	   bool_and(a.s <> b.s OR (stance_hash(a.s) = stance_hash(b.s)
							   AND stance_hash_extended(a.s, 42) = stance_hash_extended(b.s, 42))) AS hash_consistent,
	   bool_and((a.s < b.s) = (stance_label(a.s) <> stance_label(b.s)
							   AND array_position('{against,neutral,favor}'::text[], stance_label(a.s))
								   < array_position('{against,neutral,favor}'::text[], stance_label(b.s))
							   OR stance_label(a.s) = stance_label(b.s)
							   AND stance_confidence(a.s) < stance_confidence(b.s))) AS label_then_confidence
FROM (SELECT stance(l, c / 100.0) AS s
	  FROM unnest(ARRAY['against', 'neutral', 'favor']) l, generate_series(0, 100, 5) c) a,
	 (SELECT stance(l, c / 100.0) AS s
	  FROM unnest(ARRAY['against', 'neutral', 'favor']) l, generate_series(0, 100, 5) c) b;

-- NULLs
SELECT NULL::stance = 'favor'::stance AS eq, stance_cmp(NULL, 'favor') AS cmp;

-- ORDER BY, DISTINCT, GROUP BY (sorted and hashed)
SELECT s FROM stance_vals ORDER BY s;
SELECT s FROM stance_vals ORDER BY s DESC NULLS LAST;
SELECT DISTINCT s FROM stance_vals ORDER BY s;
SET enable_hashagg = off;
SELECT s, count(*) FROM stance_vals GROUP BY s ORDER BY s;
RESET enable_hashagg;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT s, count(*) FROM stance_vals GROUP BY s;
SELECT s, count(*) FROM stance_vals GROUP BY s ORDER BY s;
RESET enable_sort;
SELECT stance_label(s), count(*) FROM stance_vals GROUP BY 1 ORDER BY 1;

--
-- joins: hash join and merge join on =
--
CREATE TEMP TABLE stance_a (id int, s stance);
CREATE TEMP TABLE stance_b (id int, s stance);
INSERT INTO stance_a
SELECT i, stance((ARRAY['against', 'neutral', 'favor'])[1 + i % 3], (i % 11) / 10.0)
FROM generate_series(1, 300) i;
INSERT INTO stance_b
SELECT i, stance((ARRAY['against', 'neutral', 'favor'])[1 + i % 3], (i % 7) / 10.0)
FROM generate_series(1, 300) i;
ANALYZE stance_a;
ANALYZE stance_b;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM stance_a a JOIN stance_b b ON a.s = b.s;
SELECT count(*) FROM stance_a a JOIN stance_b b ON a.s = b.s;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM stance_a a JOIN stance_b b ON a.s = b.s;
SELECT count(*) FROM stance_a a JOIN stance_b b ON a.s = b.s;
RESET enable_hashjoin;
RESET enable_nestloop;
-- the same count from the text forms
SELECT count(*) FROM stance_a a JOIN stance_b b ON a.s::text = b.s::text;

--
-- indexes: btree (equality, ranges, order) and hash
--
CREATE TEMP TABLE stance_idx (id int, s stance);
INSERT INTO stance_idx
SELECT i, stance((ARRAY['against', 'neutral', 'favor'])[1 + i % 3], (i % 1001) / 1000.0)
FROM generate_series(1, 10000) i;
CREATE INDEX stance_idx_s ON stance_idx (s);
ANALYZE stance_idx;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM stance_idx WHERE s = 'favor:0.82';
SELECT id FROM stance_idx WHERE s = 'favor:0.82' ORDER BY id;
EXPLAIN (COSTS OFF) SELECT count(*) FROM stance_idx WHERE s > 'neutral:1';
SELECT count(*) FROM stance_idx WHERE s > 'neutral:1';
SELECT count(*) FROM stance_idx WHERE s >= 'favor:0.999';
SELECT count(*) FROM stance_idx WHERE s < 'against:0.002';
SELECT count(*) FROM stance_idx WHERE s <= 'against:0.002';
SELECT count(*) FROM stance_idx WHERE s BETWEEN 'neutral:0.5' AND 'neutral:0.6';
EXPLAIN (COSTS OFF) SELECT s FROM stance_idx ORDER BY s DESC LIMIT 3;
SELECT s FROM stance_idx ORDER BY s DESC LIMIT 3;
SELECT s FROM stance_idx ORDER BY s LIMIT 3;
-- the index agrees with a sequential scan
SELECT count(*) FROM stance_idx WHERE s > 'against:0.7' AND s < 'favor:0.3';
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SET enable_indexonlyscan = off;
SELECT count(*) FROM stance_idx WHERE s > 'against:0.7' AND s < 'favor:0.3';
RESET enable_indexonlyscan;
RESET enable_bitmapscan;
RESET enable_indexscan;
-- a hash index
DROP INDEX stance_idx_s;
CREATE INDEX stance_idx_h ON stance_idx USING hash (s);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM stance_idx WHERE s = 'against:0.5';
SELECT id FROM stance_idx WHERE s = 'against:0.5' ORDER BY id;
RESET enable_seqscan;
-- a unique btree index
CREATE UNIQUE INDEX stance_vals_u ON stance_vals (s);
DELETE FROM stance_vals WHERE ctid IN (SELECT min(ctid) FROM stance_vals WHERE s = 'favor:0.82');
CREATE UNIQUE INDEX stance_vals_u ON stance_vals (s);
INSERT INTO stance_vals VALUES ('FAVOR : 0.820');
DROP TABLE stance_idx;

--
-- parts of a stance and the constructor
--
SELECT s, stance_label(s), stance_confidence(s), polarity(s)
FROM unnest('{against:0.82,against,neutral:0.5,neutral:0,favor:0.123,favor:1,favor:0,NULL}'::stance[]) s;
SELECT stance('favor', 0.82) AS a, stance(' Against ', 1) AS b, stance('neutral', 0) AS c,
	   stance('favor', 0.0005) AS d, stance('favor', 0.0025) AS e, stance('favor', 1e-300) AS f,
	   stance('favor', '-0') AS g, stance('favor', 0.82) = 'favor:0.82' AS h;
SELECT stance(NULL, 0.5) AS null_label, stance('favor', NULL) AS null_confidence;
-- the constructor rounds like the text form: stance(l, x) = (l || ':' || x)::stance
SELECT bool_and(stance('favor', x) = ('favor:' || x::text)::stance) AS same_as_text
FROM (SELECT random() AS x FROM generate_series(1, 1000)
	  UNION ALL SELECT c / 10000.0 FROM generate_series(0, 10000) c) v;
SELECT stance('maybe', 0.5);
\echo :LAST_ERROR_SQLSTATE
SELECT stance('favor', 1.0001);
\echo :LAST_ERROR_SQLSTATE
SELECT stance('favor', -0.1);
\echo :LAST_ERROR_SQLSTATE
SELECT stance('favor', 'NaN');
\echo :LAST_ERROR_SQLSTATE
SELECT stance('favor', 'Infinity');
\echo :LAST_ERROR_SQLSTATE

--
-- casts: text to stance is explicit, stance to text an assignment cast
--
SELECT 'favor:0.5'::text::stance AS from_text, 'favor:0.5'::stance::text AS to_text,
	   CAST('AGAINST' AS stance) AS cast_syntax, stance('neutral') AS function_syntax;
SELECT castsource::regtype, casttarget::regtype, castcontext, castmethod
FROM pg_cast
WHERE castsource = 'stance'::regtype OR casttarget = 'stance'::regtype
ORDER BY 1, 2;
CREATE TEMP TABLE stance_text (t text);
INSERT INTO stance_text VALUES ('favor:0.25'::stance);
SELECT t FROM stance_text;
CREATE TEMP TABLE stance_col (s stance);
INSERT INTO stance_col VALUES ('neutral'), ('against:0.1');
INSERT INTO stance_col SELECT t FROM stance_text;
INSERT INTO stance_col SELECT t::stance FROM stance_text;
SELECT s FROM stance_col ORDER BY s;

--
-- net_stance(): the mean polarity m; |m| >= 0.1 gives favor or against with
-- confidence |m|, below that neutral with confidence 1 - |m|
--
CREATE TEMP TABLE stance_groups (g text, s stance);
INSERT INTO stance_groups VALUES
	('a: favor 1 and 0.5', 'favor:1'), ('a: favor 1 and 0.5', 'favor:0.5'),
	('b: against wins', 'against:0.9'), ('b: against wins', 'favor:0.3'),
	('c: nearly balanced', 'favor:0.8'), ('c: nearly balanced', 'against:0.7'),
	('d: all neutral', 'neutral:0.6'), ('d: all neutral', 'neutral:1'),
	('e: one against', 'against:0.2'),
	('f: one weak favor', 'favor:0.05'),
	('g: at the dead zone', 'favor:0.3'), ('g: at the dead zone', 'against:0.1'),
	('h: balanced', 'favor:1'), ('h: balanced', 'against:1'),
	('i: NULLs ignored', NULL), ('i: NULLs ignored', 'against:0.6'), ('i: NULLs ignored', NULL),
	('j: only NULL', NULL),
	('k: thirds', 'favor:1'), ('k: thirds', 'neutral:1'), ('k: thirds', 'neutral:1');
SELECT g, net_stance(s), avg(polarity(s)) AS mean_polarity, polarity(net_stance(s)), count(s)
FROM stance_groups
GROUP BY g
ORDER BY g;
SELECT net_stance(s) FROM stance_groups WHERE false;
SELECT net_stance(s) FROM stance_groups;
SELECT g, s, net_stance(s) OVER (ORDER BY g, s ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM stance_groups
WHERE g < 'c'
ORDER BY g, s;

-- in parallel: Partial Aggregate in the workers, float8_combine, the same
-- result as a serial plan
CREATE TABLE stance_par (id int, s stance) WITH (autovacuum_enabled = off);
INSERT INTO stance_par
SELECT i, stance((ARRAY['against', 'neutral', 'favor', 'favor'])[1 + i % 4], (i % 997) / 997.0)
FROM generate_series(1, 10000) i;
ANALYZE stance_par;
SET max_parallel_workers_per_gather = 0;
SELECT net_stance(s), round(avg(polarity(s))::numeric, 9) AS mean_polarity FROM stance_par;
SELECT id % 3 AS g, net_stance(s) FROM stance_par GROUP BY 1 ORDER BY 1;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT net_stance(s) FROM stance_par;
SELECT net_stance(s), round(avg(polarity(s))::numeric, 9) AS mean_polarity FROM stance_par;
SELECT id % 3 AS g, net_stance(s) FROM stance_par GROUP BY 1 ORDER BY 1;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE stance_par;

-- the functions of the type are immutable, strict and parallel safe
SELECT p.oid::regprocedure AS function, provolatile, proisstrict, proparallel
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'stance'
WHERE p.oid::regprocedure::text ~ 'stance|polarity' AND p.proname <> 'stance_version'
ORDER BY p.oid::regprocedure::text;
SELECT aggfnoid::regprocedure, aggtransfn, aggcombinefn, aggfinalfn, aggtranstype::regtype, agginitval
FROM pg_aggregate WHERE aggfnoid = 'net_stance(stance)'::regprocedure;

--
-- ALTER EXTENSION stance UPDATE from 0.1 to 0.2 and on, in a database of its
-- own: the upgraded extension has the same objects as a fresh install
--
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS stance_type_upgrade;
RESET client_min_messages;
CREATE DATABASE stance_type_upgrade TEMPLATE template0;
\c stance_type_upgrade
CREATE EXTENSION stance VERSION '0.1';
SELECT extversion, to_regtype('stance') AS stance_type FROM pg_extension WHERE extname = 'stance';
ALTER EXTENSION stance UPDATE TO '0.2';
SELECT extversion, to_regtype('stance') AS stance_type FROM pg_extension WHERE extname = 'stance';
SELECT 'against:0.82'::stance AS value, polarity('against:0.82');
-- and on to the default version (0.3: trained models)
ALTER EXTENSION stance UPDATE;
SELECT extversion, to_regtype('stance_model') AS model_type FROM pg_extension WHERE extname = 'stance';
SELECT string_agg(pg_describe_object(classid, objid, objsubid), E'\n' ORDER BY 1) AS upgraded_members,
	   count(*) AS upgraded_count
FROM pg_depend
WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'stance')
\gset
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE stance_type_upgrade;
RESET client_min_messages;
SELECT extversion FROM pg_extension WHERE extname = 'stance';
SELECT :'upgraded_count' AS upgraded_count, count(*) AS fresh_count,
	   :'upgraded_members' = string_agg(pg_describe_object(classid, objid, objsubid), E'\n' ORDER BY 1) AS same_members
FROM pg_depend
WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'stance');
