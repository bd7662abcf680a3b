--
-- stance_model, stance_train, classify_stance(model, ...), stance_predict:
-- trained models on sentences written for this test.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;
SET extra_float_digits = 0;

CREATE TABLE labelled (id int, statement text, target text, label text);
INSERT INTO labelled VALUES
 (1,  'The mayor strongly supports the bridge plan and praised its designers.', 'the bridge plan', 'for'),
 (2,  'Residents welcomed the bridge plan, calling it a great step forward.', 'the bridge plan', 'favor'),
 (3,  'Engineers endorsed the bridge plan after a long review.', 'the bridge plan', 'support'),
 (4,  'Council members praised the school merger as a wise and overdue decision.', 'the school merger', 'FOR'),
 (5,  'Parents back the school merger and say it will help every pupil.', 'the school merger', 'for'),
 (6,  'The union applauded the new stadium and its hundreds of jobs.', 'the new stadium', 'for'),
 (7,  'Fans celebrated the new stadium, a wonderful gift to the city.', 'the new stadium', 'agree'),
 (8,  'The governor approved the bridge plan with enthusiasm.', 'the bridge plan', 'for'),
 (9,  'The mayor rejected the bridge plan as a costly mistake.', 'the bridge plan', 'against'),
 (10, 'Residents condemned the bridge plan, calling it a disaster.', 'the bridge plan', 'Against'),
 (11, 'Critics denounced the school merger as reckless and unfair.', 'the school merger', 'against'),
 (12, 'Teachers oppose the school merger and warned it will hurt pupils.', 'the school merger', 'disagree'),
 (13, 'Neighbours slammed the new stadium as a terrible waste of money.', 'the new stadium', 'against'),
 (14, 'The report says the new stadium is a fake promise and a hoax.', 'the new stadium', 'deny'),
 (15, 'The auditor denied that the bridge plan was ever funded.', 'the bridge plan', 'against'),
 (16, 'Officials refuted claims that the new stadium would create jobs.', 'the new stadium', 'against'),
 (17, 'The council will discuss the bridge plan on Tuesday.', 'the bridge plan', 'observing'),
 (18, 'Reporters asked the mayor about the bridge plan.', 'the bridge plan', 'neutral'),
 (19, 'The school merger is on the agenda for the next meeting.', 'the school merger', 'none'),
 (20, 'A committee reportedly examined the school merger last week.', 'the school merger', 'discuss'),
 (21, 'The new stadium was mentioned in a short statement on Monday.', 'the new stadium', 'observing'),
 (22, 'Will the new stadium open next year? Officials did not say.', 'the new stadium', 'neutral'),
 (23, 'The minister described the timetable of the bridge plan.', 'the bridge plan', 'observing'),
 (24, 'Details of the school merger were published in the gazette.', 'the school merger', 'neutral'),
 (25, 'The mayor said nothing about the weather.', 'the school merger', NULL),
 (26, NULL, 'the new stadium', 'for');

-- a model; labels are stance synonyms, so it has favor/against/neutral
CREATE TABLE models AS
SELECT 'serial' AS name, stance_train(statement, target, label) AS model FROM labelled;

SELECT info->'labels' AS labels, info->>'label_kind' AS kind,
       info->'classes' AS classes, info->'training_rows' AS rows,
       info->'hash_bits' AS bits, info->'features' AS features,
       info->'options' AS options, info->'version' AS version,
       (info->>'size_bytes')::int = octet_length(stance_model_send(model)) AS size_ok
  FROM (SELECT model, stance_model_info(model) AS info FROM models) s;

-- the training rows are learnt
SELECT count(*) AS rows,
       sum((stance_predict(m.model, l.statement, l.target) =
            CASE lower(l.label) WHEN 'for' THEN 'favor' WHEN 'agree' THEN 'favor'
              WHEN 'support' THEN 'favor' WHEN 'disagree' THEN 'against'
              WHEN 'deny' THEN 'against' WHEN 'observing' THEN 'neutral'
              WHEN 'discuss' THEN 'neutral' WHEN 'none' THEN 'neutral'
              ELSE lower(l.label) END)::int) AS right
  FROM labelled l, models m WHERE l.label IS NOT NULL AND l.statement IS NOT NULL;

-- new sentences
SELECT s, stance_predict(m.model, s, t) AS label,
       stance_label(classify_stance(m.model, s, t)) AS stance,
       stance_confidence(classify_stance(m.model, s, t)) BETWEEN 0.34 AND 1 AS confident
  FROM models m, (VALUES
   ('The mayor praised the bridge plan and supports it.', 'the bridge plan'),
   ('Teachers condemned the school merger as a disaster.', 'the school merger'),
   ('The council will discuss the new stadium on Monday.', 'the new stadium')) AS v(s, t);

-- STRICT: NULL in, NULL out; no rows, no model
SELECT classify_stance(model, NULL, 'x') IS NULL AS null_stmt FROM models;
SELECT stance_train(statement, target, label) IS NULL AS no_rows FROM labelled WHERE false;
SELECT stance_train(statement, target, NULL) IS NULL AS no_labels FROM labelled;

-- deterministic and independent of the row order
SELECT (SELECT stance_train(statement, target, label ORDER BY md5(statement)) FROM labelled)::text =
       (SELECT stance_train(statement, target, label ORDER BY id DESC) FROM labelled)::text
       AS order_independent;
SELECT (SELECT stance_train(statement, target, label, '{"seed": 7}') FROM labelled)::text =
       (SELECT stance_train(statement, target, label, '{"seed": 8}') FROM labelled)::text
       AS same_with_other_seed;
SELECT (SELECT stance_train(statement, target, label, '{"seed": 7}' ORDER BY id) FROM labelled)::text =
       (SELECT stance_train(statement, target, label, '{"seed": 7}' ORDER BY id DESC) FROM labelled)::text
       AS same_seed_same_model;

-- text form: prefix and base64; round trip
SELECT left(model::text, 16) AS prefix, model::text::stance_model::text = model::text AS text_round_trip
  FROM models;

-- binary form through COPY ... (FORMAT binary): send and recv
\set binfile '/tmp/stance_model_regress_' :PORT '.bin'
COPY (SELECT model FROM models) TO :'binfile' WITH (FORMAT binary);
CREATE TABLE models_copy (model stance_model);
COPY models_copy FROM :'binfile' WITH (FORMAT binary);
SELECT c.model::text = m.model::text AS binary_round_trip,
       stance_model_send(c.model) = stance_model_send(m.model) AS same_bytes
  FROM models_copy c, models m;

-- malformed input is rejected with an error, never a crash
CREATE FUNCTION try_text(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	PERFORM t::stance_model;
	RETURN 'accepted';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || ': ' || detail;
END $$;
SELECT try_text('');
SELECT try_text('favor');
SELECT try_text('stance_model:v1:');
SELECT try_text('stance_model:v1:@@@@');
SELECT try_text('stance_model:v1:' || encode('STNM', 'base64'));
-- a flipped byte anywhere: checksum or header checks
SELECT pos, try_text('stance_model:v1:' || encode(set_byte(b, pos, get_byte(b, pos) # 1), 'base64')) AS result
  FROM (SELECT stance_model_send(model) AS b FROM models) m,
       (VALUES (0), (4), (8), (12), (16), (17), (64), (1000), (100000)) AS p(pos)
 ORDER BY pos;
-- truncated models
SELECT count(*) AS truncations, count(*) FILTER (WHERE try_text(
         'stance_model:v1:' || encode(substr(b, 1, n), 'base64')) LIKE '22P02: %') AS rejected
  FROM (SELECT stance_model_send(model) AS b FROM models) m,
       generate_series(0, 300) AS n;
-- random bytes, and random bytes behind a valid magic number and version
SELECT count(*) AS random_inputs, count(*) FILTER (WHERE r LIKE '22P02: %') AS rejected
  FROM (SELECT try_text('stance_model:v1:' || encode(
          CASE WHEN i % 2 = 0 THEN b ELSE '\x53544e4d0100400000'::bytea || b END, 'base64')) AS r
          FROM (SELECT i, decode(string_agg(md5(i::text || ':' || k::text), ''), 'hex') AS b
                  FROM generate_series(1, 300) AS i, generate_series(1, 1 + i % 7) AS k
                 GROUP BY i) x) y;

-- random bytes into the binary input (recv) through COPY
CREATE TABLE junk AS
SELECT i, decode(string_agg(md5(i::text || k::text), ''), 'hex') AS b
  FROM generate_series(1, 3) AS i, generate_series(1, 4) AS k GROUP BY i;
INSERT INTO junk
SELECT 4, set_byte(stance_model_send(model), 200, get_byte(stance_model_send(model), 200) # 255) FROM models;
INSERT INTO junk
SELECT 5, overlay(stance_model_send(model) PLACING '\x0200'::bytea FROM 5) FROM models;
CREATE FUNCTION try_binary(id int, path text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	EXECUTE format('COPY (SELECT b FROM junk WHERE i = %s) TO %L WITH (FORMAT binary)', id, path);
	EXECUTE format('COPY models_copy FROM %L WITH (FORMAT binary)', path);
	RETURN 'accepted';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || ': ' || detail;
END $$;
SELECT i, try_binary(i, :'binfile') FROM junk ORDER BY i;
SELECT count(*) AS copied_models FROM models_copy;

-- options
SELECT stance_model_info(stance_train(statement, target, label,
         '{"epochs": 3, "l2": 0.001, "learning_rate": 0.5, "bits": 12, "seed": 5,
           "features": ["words", "overlap"], "class_weight": "balanced"}')) - 'checksum' - 'classes'
  FROM labelled;
SELECT stance_model_info(stance_train(statement, target, label,
         '{"class_weight": {"favor": 2, "disagree": 3}}'))->'options'->'class_weight' FROM labelled;
CREATE FUNCTION try_options(o text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM stance_train(statement, target, label, o::jsonb) FROM labelled;
	RETURN 'accepted';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT o, try_options(o) FROM (VALUES
  ('{}'), ('[1]'), ('{"epoch": 3}'), ('{"epochs": 0}'), ('{"epochs": 2.5}'),
  ('{"epochs": "3"}'), ('{"l2": -1}'), ('{"learning_rate": 0}'), ('{"bits": 9}'),
  ('{"bits": 25}'), ('{"seed": -1}'), ('{"features": []}'), ('{"features": ["words", "pos"]}'),
  ('{"features": "words"}'), ('{"class_weight": "heavy"}'), ('{"class_weight": {"favor": 0}}'),
  ('{"class_weight": {"unknown": 1}}')) AS v(o);
-- the options must be the same on every row
SELECT stance_train(statement, target, label, ('{"seed": ' || id || '}')::jsonb) FROM labelled;

-- labels: length, number, size limit
SELECT stance_train(statement, target, repeat('x', 64)) FROM labelled;
SELECT stance_train(statement, target, 'label' || id) FROM labelled;
SELECT stance_model_info(stance_train(statement, target, 'label' || (id % 16),
         '{"bits": 24}'))->'hash_bits' FROM labelled;
SELECT stance_model_info(stance_train(statement, target, 'label' || (id % 16)))->'hash_bits' AS auto_bits
  FROM labelled;

-- any other label set is kept as it is (sorted); classify_stance maps
-- labels naming a stance and counts the others as neutral
CREATE TABLE custom AS
SELECT statement || ' ' || s AS statement, target, l AS label
  FROM labelled,
       (VALUES ('agree', 'They agree.'), ('disagree', 'They disagree.'),
               ('discuss', 'They discuss it.'), ('unrelated', 'Unrelated weather.')) AS v(l, s)
 WHERE label IS NOT NULL AND statement IS NOT NULL;
CREATE TABLE custom_model AS SELECT stance_train(statement, target, label) AS model FROM custom;
SELECT stance_model_info(model)->'labels' AS labels, stance_model_info(model)->'classes' AS classes,
       stance_model_info(model)->>'label_kind' AS kind FROM custom_model;
SELECT stance_predict(model, 'Unrelated weather.', 'the bridge plan') AS unrelated,
       stance_predict(model, 'They disagree.', 'the bridge plan') AS disagree,
       stance_label(classify_stance(model, 'They agree.', 'the bridge plan')) AS stance
  FROM custom_model;

-- parallel training: partial aggregates in workers, combined; the same model
CREATE TABLE many AS SELECT l.* FROM labelled l, generate_series(1, 40) g;
ANALYZE many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT stance_train(statement, target, label) FROM many;
CREATE FUNCTION workers_launched(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
		IF line ~ 'Workers Launched' THEN
			RETURN substring(line from 'Workers Launched: ([0-9]+)')::int;
		END IF;
	END LOOP;
	RETURN 0;
END $$;
SELECT workers_launched('SELECT stance_train(statement, target, label) FROM many') AS workers;
CREATE TABLE par AS SELECT stance_train(statement, target, label) AS model FROM many;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT stance_train(statement, target, label) FROM many;
CREATE TABLE ser AS SELECT stance_train(statement, target, label) AS model FROM many;
SELECT p.model::text = s.model::text AS parallel_equals_serial,
       stance_model_info(p.model)->'training_rows' AS rows
  FROM par p, ser s;
-- prediction in parallel workers, the model passed to them as a parameter
CREATE TABLE serial_pred AS
SELECT stance_predict((SELECT model FROM ser), statement, target) AS pred, count(*) AS n
  FROM many WHERE statement IS NOT NULL GROUP BY 1;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SELECT workers_launched($q$SELECT count(classify_stance((SELECT model FROM ser), statement, target))
                           FROM many$q$) AS prediction_workers;
SELECT count(*) AS labels, bool_and(p.n = s.n) AS same_predictions
  FROM (SELECT stance_predict((SELECT model FROM ser), statement, target) AS pred, count(*) AS n
          FROM many WHERE statement IS NOT NULL GROUP BY 1) p
  JOIN serial_pred s USING (pred);
RESET ALL;

-- a model predicts through a table, as after pg_dump / restore
CREATE TABLE restored AS SELECT model::text::stance_model AS model FROM models;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE classify_stance(m.model, l.statement, l.target) =
                              classify_stance(r.model, l.statement, l.target)) AS same
  FROM labelled l, models m, restored r WHERE l.statement IS NOT NULL;

-- a LATIN1 database: text is converted to UTF-8 for the engine, labels
-- are kept in UTF-8 inside the model and come back in the database
-- encoding; a model moves between databases of different encodings
SELECT current_database() AS regress_db \gset
SET client_encoding = 'UTF8';
SET client_min_messages = warning;
DROP DATABASE IF EXISTS stance_model_latin1;
RESET client_min_messages;
CREATE DATABASE stance_model_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
SELECT model::text AS utf8_model FROM custom_model \gset
\c stance_model_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION stance;
CREATE TABLE t (statement text, target text, label text);
INSERT INTO t VALUES
 ('Die Brücke ist großartig, sagte Jürgen.', 'die Brücke', 'zustimmung'),
 ('Jürgen lobt die Brücke sehr.', 'die Brücke', 'zustimmung'),
 ('Élodie lehnt die Brücke ab: ein Fehler.', 'die Brücke', 'ablehnung'),
 ('Die Brücke ist ein Skandal, sagte Élodie.', 'die Brücke', 'ablehnung'),
 ('Über die Brücke wird am Montag beraten.', 'die Brücke', 'offen, später'),
 ('Die Brücke wird im Ausschuss geprüft.', 'die Brücke', 'offen, später');
SELECT stance_model_info(stance_train(statement, target, label))->'labels' AS labels FROM t;
SELECT stance_predict(stance_train(statement, target, label), 'Jürgen lobt die Brücke sehr.', 'die Brücke')
  FROM t;
SELECT stance_predict(:'utf8_model'::stance_model, 'They disagree.', 'the bridge plan') AS from_utf8_db;
SELECT stance_train(statement, target, label)::text AS latin1_model FROM t \gset
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE stance_model_latin1;
RESET client_min_messages;
SELECT stance_model_info(:'latin1_model'::stance_model)->'labels' AS labels_in_utf8_db,
       stance_predict(:'latin1_model'::stance_model, 'Élodie lehnt die Brücke ab.', 'die Brücke') AS label;
