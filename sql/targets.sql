--
-- statements(): the act of the cue, negation and hedging, the target of each
-- statement and the speaker's stance toward it; statements(body, targets)
-- Every sentence here is written for these tests.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;

-- the act of the cue and its stance toward the object
SELECT n, speaker, cue, act, target, stance_label(stance) AS label
FROM statements('Minister Jana Holm accused Borvia of moving troops to the border. '
                'Senator Ivo Laine praised Arcadia for its patience. '
                'The Borvian government denied that its army had crossed into Arcadia.');

-- thanking is an act for its object
SELECT n, speaker, cue, act, content, target, stance_label(stance) AS label
FROM statements('Senator Ivo Laine thanked Arcadia for its patience. '
                'Minister Jana Holm thanked the mediators from Borvia.');

-- negated and hedged cues are kept and marked; a negated accusation is no
-- accusation
SELECT n, cue, negated, hedged, act, target, stance_label(stance) AS label
FROM statements('Minister Jana Holm did not accuse Borvia of anything. '
                'Senator Ivo Laine may have said that the talks with Borvia had failed. '
                'Officials reportedly said Borvia had refused the offer.');

-- demonyms name their state when the article names it; the speaker's own
-- side is not a target: the Borvian minister's target is Arcadia
SELECT n, speaker, affiliation, target, stance_label(stance) AS label
FROM statements('Arcadia and Borvia met on Monday. '
                'Borvia''s foreign minister, Petra Lind, condemned Arcadian patrols near the border.');

-- places that stand for their state: Moscow is Russia here, because the
-- article names Russia
SELECT n, speaker, target, stance_label(stance) AS label
FROM statements('Russia has moved ships to the north. '
                'Minister Jana Holm criticised Moscow for the move.');
-- ... and Moscow itself where it does not
SELECT n, speaker, target
FROM statements('Minister Jana Holm criticised Moscow for the new parking rules.');

-- aliases the article makes: "the Northern Compact alliance" ... "the alliance"
SELECT n, speaker, target, stance_label(stance) AS label
FROM statements('Arcadia will host the Northern Compact alliance in June. '
                'Minister Jana Holm warned that the alliance was preparing for a long conflict.');

-- the same speaker goes on about the same target; a statement that names no
-- target keeps the side its speaker took
SELECT n, speaker, cue, target, stance_label(stance) AS label
FROM statements('Minister Jana Holm accused Borvia of lying and claimed the statements were a deliberate attempt to mislead voters.');

-- issues: "the water deal" ... "the deal"
SELECT n, speaker, target, stance_label(stance) AS label
FROM statements('Arcadia signed the water deal on Friday. '
                'Mayor Lena Okafor welcomed the deal as a fair compromise.');

-- a person's words stand for the side the person speaks for
SELECT n, speaker, target, stance_label(stance) AS label
FROM statements('Admiral Tomas Brandt, the commander of the Northern Compact, said the fleet was ready. '
                'Minister Jana Holm condemned Brandt''s remarks as reckless.');

-- no target: act only, no stance
SELECT n, act, target, stance IS NULL AS no_stance
FROM statements('Mayor Lena Okafor said the pool would open at nine.');

--
-- statements(body, targets): the caller's targets only, with aliases
--
SELECT n, speaker, target, stance_label(stance) AS label
FROM statements('Minister Jana Holm accused the alliance of stalling. Senator Ivo Laine praised Borvia for its restraint.',
                '{"Northern Compact": ["the alliance"]}');
SELECT n, speaker, target, stance_label(stance) AS label
FROM statements('Minister Jana Holm accused the alliance of stalling. Senator Ivo Laine praised Borvia for its restraint.',
                '["Borvia"]');
-- a single alias as a string, and null for none
SELECT n, target
FROM statements('Minister Jana Holm accused the alliance of stalling.',
                '{"Northern Compact": "the alliance", "Borvia": null}');
-- the same text, the same answer (IMMUTABLE), also through a column
CREATE TEMP TABLE target_sets (id int, targets jsonb);
INSERT INTO target_sets VALUES (1, '["Borvia"]'), (2, '{"Borvia": ["Borvians"]}');
SELECT t.id, s.n, s.target
FROM target_sets t,
     LATERAL statements('Senator Ivo Laine praised Borvia for its restraint.', t.targets) s
ORDER BY 1, 2;

-- malformed targets: 22023
\set VERBOSITY sqlstate
SELECT count(*) FROM statements('Jana Holm said so.', '"NATO"');
SELECT count(*) FROM statements('Jana Holm said so.', '[1, 2]');
SELECT count(*) FROM statements('Jana Holm said so.', '{"NATO": 3}');
SELECT count(*) FROM statements('Jana Holm said so.', '{"NATO": [true]}');
SELECT count(*) FROM statements('Jana Holm said so.', '[""]');
-- too many names: 54000
SELECT count(*) FROM statements('Jana Holm said so.',
                                (SELECT jsonb_agg('name' || i) FROM generate_series(1, 5000) i));
\set VERBOSITY default
-- NULL targets: NULL (STRICT); an empty list: no statement has a target
SELECT count(*) FROM statements('Jana Holm said so.', NULL);
SELECT n, target FROM statements('Minister Jana Holm accused Borvia of lying.', '[]');

-- long texts and long lists stay linear: 5,000 statements in one paragraph,
-- 2,600 names of which 1,300 are the same alias
SELECT count(*), count(target) AS with_target
FROM statements(repeat('Minister Jana Holm accused the alliance of stalling. ', 5000),
                (SELECT jsonb_object_agg('name' || i, jsonb_build_array('the alliance', 'alias ' || i))
                 FROM generate_series(1, 1300) i));
SELECT count(*), count(target) AS with_target
FROM statements(repeat('Minister Jana Holm said the pool would open, ', 5000));

--
-- in a query over a table: GROUP BY speaker, target and label, the net
-- stance, in parallel and in a materialized view
--
CREATE TABLE target_articles (id int, body text);
INSERT INTO target_articles
SELECT i, CASE i % 3
	WHEN 0 THEN 'Minister Jana Holm accused Borvia of moving troops to the border.'
	WHEN 1 THEN 'Senator Ivo Laine praised Borvia for its restraint.'
	ELSE 'Minister Jana Holm condemned Borvia for the blockade.' END
FROM generate_series(1, 300) i;
ANALYZE target_articles;

SELECT speaker, target, stance_label(stance) AS label, count(*)
FROM target_articles, LATERAL statements(body)
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SELECT speaker, net_stance(stance) AS net
FROM target_articles, LATERAL statements(body)
GROUP BY 1 ORDER BY 1;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT speaker, target, stance_label(stance), count(*)
FROM target_articles, LATERAL statements(body)
GROUP BY 1, 2, 3;
-- the workers do run (EXPLAIN ANALYZE: Workers Launched), and the answer is
-- the same
CREATE FUNCTION target_workers_launched(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q INTO plan;
	RETURN coalesce((plan -> 0 -> 'Plan' #>> '{Plans,0,Workers Launched}')::int,
					(plan -> 0 -> 'Plan' ->> 'Workers Launched')::int, 0);
END $$;
SELECT target_workers_launched(
	'SELECT speaker, target, stance_label(stance), count(*)
	 FROM target_articles, LATERAL statements(body) GROUP BY 1, 2, 3') > 0 AS workers_launched;
SELECT speaker, target, stance_label(stance) AS label, count(*)
FROM target_articles, LATERAL statements(body)
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SELECT speaker, net_stance(stance) AS net
FROM target_articles, LATERAL statements(body)
GROUP BY 1 ORDER BY 1;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

CREATE MATERIALIZED VIEW target_view AS
SELECT s.speaker, s.target, count(*) AS n, avg(polarity(s.stance)) AS mean_polarity,
	   net_stance(s.stance) AS net
FROM target_articles a, LATERAL statements(a.body) s
GROUP BY 1, 2;
SELECT * FROM target_view ORDER BY 1, 2;
INSERT INTO target_articles VALUES (301, 'Senator Ivo Laine accused Borvia of stalling.');
REFRESH MATERIALIZED VIEW target_view;
SELECT * FROM target_view ORDER BY 1, 2;

-- a btree index on the stance of a statement table
CREATE TABLE target_statements AS
SELECT a.id, s.n, s.speaker, s.target, s.stance
FROM target_articles a, LATERAL statements(a.body) s;
CREATE INDEX ON target_statements (stance);
ANALYZE target_statements;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM target_statements WHERE stance >= 'favor:0';
SELECT count(*) FROM target_statements WHERE stance >= 'favor:0';
RESET enable_seqscan;

--
-- The word cache a backend keeps for the classifier changes no result: the
-- same statements in this backend (its cache warm from the tests above), in
-- a new one (empty cache), and after an analysis was canceled half-way.
--
SELECT current_database() AS regress_db_name \gset
CREATE TABLE cache_check AS
SELECT 'warm' AS run,
	   md5(string_agg(concat_ws('|', a.id, s.n, s.speaker, s.act, s.target, s.stance::text),
					  ',' ORDER BY a.id, s.n)) AS h
FROM target_articles a, LATERAL statements(a.body) s;
\c :regress_db_name
INSERT INTO cache_check
SELECT 'cold',
	   md5(string_agg(concat_ws('|', a.id, s.n, s.speaker, s.act, s.target, s.stance::text),
					  ',' ORDER BY a.id, s.n))
FROM target_articles a, LATERAL statements(a.body) s;
SET statement_timeout = '20ms';
SELECT count(*) FROM statements(repeat('Minister Jana Holm accused Borvia of lying, and the ministry praised the deal. ', 100000));
RESET statement_timeout;
INSERT INTO cache_check
SELECT 'after cancel',
	   md5(string_agg(concat_ws('|', a.id, s.n, s.speaker, s.act, s.target, s.stance::text),
					  ',' ORDER BY a.id, s.n))
FROM target_articles a, LATERAL statements(a.body) s;
SELECT run, h = (SELECT h FROM cache_check WHERE run = 'warm') AS same
FROM cache_check ORDER BY run;
DROP TABLE cache_check;

DROP MATERIALIZED VIEW target_view;
DROP TABLE target_statements, target_articles;
DROP FUNCTION target_workers_launched(text);

-- the declarations: immutable, strict, parallel safe
SELECT p.oid::regprocedure AS function, provolatile, proisstrict, proparallel
FROM pg_proc p WHERE proname = 'statements' ORDER BY 1;

--
-- ALTER EXTENSION stance UPDATE from 0.2 to 0.3 gives the new statements()
--
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS stance_targets_upgrade;
RESET client_min_messages;
CREATE DATABASE stance_targets_upgrade TEMPLATE template0;
\c stance_targets_upgrade
CREATE EXTENSION stance VERSION '0.2';
SELECT count(*) AS columns_0_2 FROM pg_proc p, unnest(p.proargmodes) m
WHERE p.proname = 'statements' AND m = 't';
SELECT n, speaker, cue FROM statements('Minister Jana Holm accused Borvia of lying.');
ALTER EXTENSION stance UPDATE TO '0.3';
SELECT extversion FROM pg_extension WHERE extname = 'stance';
SELECT n, speaker, cue, act, target, stance_label(stance) AS label
FROM statements('Minister Jana Holm accused Borvia of lying.');
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE stance_targets_upgrade;
