#!/bin/bash
# bench/model_bench.sh -- numbers (not timed tests) for trained stance models:
#	training time on 50,000 rows on one core (FNC-1 training pairs: body as
#	statement, headline as target, four labels), the model's size, and
#	prediction rows per second on one core, for long statements (FNC-1
#	bodies, 2,200 characters on average) and short ones (Emergent
#	headlines against their claims).
# Reads ../shared/data at run time.  Needs the environment of scripts/env.sh.
#	bash bench/model_bench.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd -P)
data=${STANCE_DATA:-$here/../shared/data}
[ -d "$data/fnc1" ] || data=/work/shared/data
db=${MODEL_BENCH_DB:-model_bench}

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
psql -X -q -d postgres -c "CREATE DATABASE $db"
P="psql -X -q -v ON_ERROR_STOP=1 -d $db"
$P -c "CREATE EXTENSION stance"
$P -c "CREATE TABLE fnc_bodies (body_id int PRIMARY KEY, body text)"
$P -c "\\copy fnc_bodies FROM '$data/fnc1/train_bodies.tsv' WITH (FORMAT text, HEADER true)"
$P -c "CREATE TABLE fnc_stances (headline text, body_id int, label text)"
$P -c "\\copy fnc_stances FROM '$data/fnc1/train_stances.tsv' WITH (FORMAT text, HEADER true)"
$P -c "CREATE TABLE emergent (claim_id text, claim text, headline text, label text)"
$P -c "\\copy emergent FROM '$data/emergent/train.tsv' WITH (FORMAT text, HEADER true)"
$P <<'SQL'
-- exactly 50,000 rows: the 49,972 FNC-1 pairs and the first 28 again
CREATE TABLE rows50k AS
WITH p AS (SELECT s.headline, b.body, s.label, row_number() OVER () AS n
             FROM fnc_stances s JOIN fnc_bodies b USING (body_id))
SELECT headline, body, label FROM p
UNION ALL SELECT headline, body, label FROM p WHERE n <= 50000 - (SELECT count(*) FROM p);
-- short rows: Emergent headline against claim, 25 times (51,775 rows)
CREATE TABLE short_rows AS SELECT headline, claim FROM emergent, generate_series(1, 25);
VACUUM ANALYZE rows50k;
VACUUM ANALYZE short_rows;
SQL
$P <<'SQL'
-- CPU seconds of this backend (utime + stime of /proc/PID/stat), so that
-- other work on the machine does not count
CREATE FUNCTION backend_cpu() RETURNS float8 LANGUAGE sql AS $f$
	SELECT (f[12]::float8 + f[13]::float8) / 100.0  -- utime, stime (fields 14, 15)
	  FROM (SELECT string_to_array(split_part(pg_read_file('/proc/' || pg_backend_pid() || '/stat'), ') ', 2), ' ') AS f) s
$f$;
SQL
$P <<'SQL'
SET max_parallel_workers_per_gather = 0;
SET jit = off;
\set VERBOSITY terse
DO $$
DECLARE
	t0 timestamptz;
	c0 float8;
	secs float8;
	cpu float8;
	n bigint;
	sz bigint;
	disk bigint;
BEGIN
	SELECT count(*) INTO n FROM rows50k;
	t0 := clock_timestamp();
	c0 := backend_cpu();
	CREATE TABLE model50k AS SELECT stance_train(body, headline, label) AS model FROM rows50k;
	secs := extract(epoch FROM clock_timestamp() - t0);
	cpu := backend_cpu() - c0;
	RAISE NOTICE 'training: % rows in % s wall clock, % s CPU, one core', n,
		round(secs::numeric, 2), round(cpu::numeric, 2);
	SELECT octet_length(stance_model_send(model)), pg_column_size(model) INTO sz, disk FROM model50k;
	RAISE NOTICE 'model size: % bytes (% MB; limit 8 MB), % bytes as stored',
		sz, round(sz / 1048576.0, 2), disk;

	-- a scan without prediction, to show what the table read costs
	t0 := clock_timestamp();
	PERFORM count(length(body) + length(headline)) FROM rows50k;
	RAISE NOTICE 'scan alone (long rows): % s', round(extract(epoch FROM clock_timestamp() - t0)::numeric, 3);

	t0 := clock_timestamp();
	c0 := backend_cpu();
	SELECT count(stance_predict(m.model, r.body, r.headline)) INTO n FROM rows50k r, model50k m;
	secs := extract(epoch FROM clock_timestamp() - t0);
	cpu := backend_cpu() - c0;
	RAISE NOTICE 'prediction, long rows (FNC-1 bodies): % rows in % s wall clock (% rows/s), % s CPU (% rows/s per core)',
		n, round(secs::numeric, 2), round(n / secs), round(cpu::numeric, 2), round(n / cpu);

	t0 := clock_timestamp();
	c0 := backend_cpu();
	SELECT count(classify_stance(m.model, r.headline, r.claim)) INTO n FROM short_rows r, model50k m;
	secs := extract(epoch FROM clock_timestamp() - t0);
	cpu := backend_cpu() - c0;
	RAISE NOTICE 'prediction, short rows (headline vs claim): % rows in % s wall clock (% rows/s), % s CPU (% rows/s per core)',
		n, round(secs::numeric, 2), round(n / secs), round(cpu::numeric, 2), round(n / cpu);
END $$;
SQL
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"
