#!/bin/bash
# bench/bench.sh -- throughput of statements() inside PostgreSQL.
#
# Builds a table bench_articles(id serial, body text) of PolNeAR article
# texts (train + dev, read at run time from $BENCH_DATA; nothing is written
# into the repository), replicated until it holds at least $BENCH_MB MB of
# text, then, in one session with a single worker (no parallel query, no
# JIT), times each of
#
#	SELECT sum(length(md5(body))) FROM bench_articles
#	SELECT sum(length(to_tsvector('english', body))) FROM bench_articles
#	SELECT count(*) FROM bench_articles, LATERAL statements(body)
#	SELECT count(*) FROM bench_articles, LATERAL sentences(body)
#
# on the table cut into BENCH_SLICES slices of consecutive ids, all four on
# one slice before the next, in BENCH_RUNS rounds; a query's time is the sum
# over the slices of its best time there.  It prints seconds and MB/s per
# core (MB = sum(octet_length(body)) / 1e6) for each, and how statements()
# compares with to_tsvector().
#
# Uses the throwaway cluster of scripts/cluster.sh (started if needed, and
# stopped again if this script started it) and a database of its own,
# $BENCH_DB.  See bench/README.md.
#
# Environment:
#   BENCH_MB=100        minimum MB of text in the table
#   BENCH_RUNS=3        rounds (the best time of each query on each slice is kept)
#   BENCH_SLICES=10     slices of consecutive ids; all queries run on one slice
#                       before the next, so a slow spell hits them alike
#   BENCH_DATA=../shared/data/polnear   directory with train.jsonl, dev.jsonl
#   BENCH_DB=stance_bench
#   BENCH_INSTALL=1     0: do not run make install (extension already installed)
#   BENCH_REBUILD=0     1: rebuild the table even if it is already right
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$here/.." && pwd -P)

BENCH_MB=${BENCH_MB:-100}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_SLICES=${BENCH_SLICES:-10}
BENCH_DATA=${BENCH_DATA:-$repo/../shared/data/polnear}
BENCH_DB=${BENCH_DB:-stance_bench}
BENCH_INSTALL=${BENCH_INSTALL:-1}
BENCH_REBUILD=${BENCH_REBUILD:-0}

log() {
	printf '%s\n' "bench: $*" >&2
}
die() {
	log "$*"
	exit 1
}

case $BENCH_MB in '' | *[!0-9]* | 0) die "BENCH_MB must be a positive integer" ;; esac
case $BENCH_RUNS in '' | *[!0-9]* | 0) die "BENCH_RUNS must be a positive integer" ;; esac
case $BENCH_SLICES in '' | *[!0-9]* | 0) die "BENCH_SLICES must be a positive integer" ;; esac

# The exact command, first.
printf 'command: BENCH_MB=%s BENCH_RUNS=%s BENCH_SLICES=%s BENCH_DATA=%q BENCH_DB=%s %q' \
	"$BENCH_MB" "$BENCH_RUNS" "$BENCH_SLICES" "$BENCH_DATA" "$BENCH_DB" "$0"
for a in "$@"; do printf ' %q' "$a"; done
printf '\n'

files=()
for f in "$BENCH_DATA/train.jsonl" "$BENCH_DATA/dev.jsonl"; do
	[ -r "$f" ] && files+=("$f")
done
[ ${#files[@]} -gt 0 ] || die "no PolNeAR data: $BENCH_DATA/train.jsonl, dev.jsonl (set BENCH_DATA)"
command -v python3 >/dev/null || die "python3 is needed to read the JSONL files"

# ---- cluster, extension ----------------------------------------------------

[ -x "$repo/scripts/cluster.sh" ] || [ -f "$repo/scripts/cluster.sh" ] ||
	die "scripts/cluster.sh is missing"
# shellcheck source=/dev/null
. "$repo/scripts/env.sh"
export PGDATABASE=$BENCH_DB

started=0
if ! bash "$repo/scripts/cluster.sh" status >/dev/null 2>&1; then
	bash "$repo/scripts/cluster.sh" start
	started=1
fi
cleanup() {
	if [ $started = 1 ]; then
		bash "$repo/scripts/cluster.sh" stop || true
	fi
}
trap cleanup EXIT

if [ "$BENCH_INSTALL" = 1 ]; then
	log "make install"
	make -C "$repo" -s install >/dev/null || die "make install failed"
fi

psql_q() {
	psql -X -q -v ON_ERROR_STOP=1 "$@"
}

if [ "$(psql_q -d postgres -At -c "SELECT count(*) FROM pg_database WHERE datname = '$BENCH_DB'")" = 0 ]; then
	log "creating database $BENCH_DB"
	psql_q -d postgres -c "CREATE DATABASE \"$BENCH_DB\" TEMPLATE template0 ENCODING 'UTF8'"
fi
# A fresh copy of the functions just installed.
PGOPTIONS='-c client_min_messages=warning' \
	psql_q -c 'DROP EXTENSION IF EXISTS stance CASCADE' -c 'CREATE EXTENSION stance'

# ---- the table -------------------------------------------------------------

# Identifies what the table was built from; kept as the table's comment.
stamp="polnear ${files[*]##*/} >= ${BENCH_MB} MB"
have=$(psql_q -At -c "SELECT obj_description('bench_articles'::regclass, 'pg_class')" 2>/dev/null || true)
if [ "$BENCH_REBUILD" = 1 ] || [ "$have" != "$stamp" ]; then
	log "building bench_articles ($stamp)"
	PGOPTIONS='-c client_min_messages=warning' \
		psql_q -c 'DROP TABLE IF EXISTS bench_articles, bench_source' \
		-c 'CREATE UNLOGGED TABLE bench_source (id serial, body text)'
	# Distinct article texts (PolNeAR has one line per annotator), as COPY
	# text format, straight into the server.
	python3 - "${files[@]}" <<'PY' | psql_q -c 'COPY bench_source (body) FROM STDIN'
import json, sys
seen = set()
out = sys.stdout
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            text = json.loads(line).get("text")
            if not text or text in seen:
                continue
            seen.add(text)
            out.write(text.replace("\\", "\\\\").replace("\t", "\\t")
                      .replace("\n", "\\n").replace("\r", "\\r") + "\n")
PY
	psql_q <<SQL
CREATE TABLE bench_articles (id serial, body text);
INSERT INTO bench_articles (body)
SELECT s.body
FROM generate_series(1, (SELECT ceil($BENCH_MB * 1e6 / sum(octet_length(body)))::int
						 FROM bench_source)) AS g(i),
	 bench_source s
ORDER BY g.i, s.id;
DROP TABLE bench_source;
COMMENT ON TABLE bench_articles IS '$stamp';
VACUUM ANALYZE bench_articles;
SQL
else
	log "reusing bench_articles ($stamp)"
	psql_q -c 'VACUUM ANALYZE bench_articles'
fi

# ---- timing ----------------------------------------------------------------

PGOPTIONS='-c client_min_messages=warning' \
	psql_q -c 'CREATE INDEX IF NOT EXISTS bench_articles_id ON bench_articles (id)'

log "timing: $BENCH_RUNS rounds over $BENCH_SLICES slices, best of each kept (progress below)"
psql_q -v runs="$BENCH_RUNS" -v slices="$BENCH_SLICES" <<'SQL'
SET max_parallel_workers_per_gather = 0;
SET jit = off;
\pset footer off

CREATE TEMP TABLE bench_result (ord int, function text, query text,
								seconds float8, result bigint);
INSERT INTO bench_result (ord, function, query) VALUES
 (1, 'md5', 'SELECT sum(length(md5(body))) FROM bench_articles'),
 (2, 'to_tsvector', 'SELECT sum(length(to_tsvector(''english'', body))) FROM bench_articles'),
 (3, 'statements', 'SELECT count(*) FROM bench_articles, LATERAL statements(body)'),
 (4, 'sentences', 'SELECT count(*) FROM bench_articles, LATERAL sentences(body)');
CREATE TEMP TABLE bench_time (ord int, slice int, seconds float8, result bigint,
							  PRIMARY KEY (ord, slice));

SET bench.runs = :runs;
SET bench.slices = :slices;

DO $$
DECLARE
	r record;
	i int;
	k int;
	nslices int := current_setting('bench.slices')::int;
	lo int;
	hi int;
	maxid int;
	t0 timestamptz;
	secs float8;
	res bigint;
BEGIN
	/*
	 * The speed of a shared machine drifts from minute to minute.  So the
	 * table is cut into slices of consecutive ids, and every query runs on
	 * one slice right after the other (seconds apart) before the next slice
	 * comes, in each of the rounds: a slow spell falls on all the queries
	 * alike.  Each query's time is the sum over the slices of its best
	 * time on that slice.
	 */
	SELECT max(id) INTO maxid FROM bench_articles;
	FOR i IN 1 .. current_setting('bench.runs')::int LOOP
		FOR k IN 0 .. nslices - 1 LOOP
			lo := (maxid::bigint * k / nslices)::int + 1;
			hi := (maxid::bigint * (k + 1) / nslices)::int + 1;
			FOR r IN SELECT * FROM bench_result ORDER BY ord LOOP
				t0 := clock_timestamp();
				EXECUTE regexp_replace(r.query, 'FROM bench_articles(.*)$',
									   'FROM bench_articles\1 WHERE id >= $1 AND id < $2')
					INTO res USING lo, hi;
				secs := extract(epoch FROM clock_timestamp() - t0);
				INSERT INTO bench_time VALUES (r.ord, k, secs, res)
				ON CONFLICT (ord, slice) DO UPDATE
				SET seconds = least(bench_time.seconds, excluded.seconds);
			END LOOP;
		END LOOP;
		RAISE NOTICE 'bench: best after round %: %', i,
			(SELECT string_agg(format('%s %s s', function, round(x.total::numeric, 3)), ', ' ORDER BY x.ord)
			 FROM (SELECT b.ord, b.function, sum(t.seconds) AS total
				   FROM bench_result b JOIN bench_time t USING (ord)
				   GROUP BY b.ord, b.function) x);
	END LOOP;
	UPDATE bench_result b
	SET seconds = t.seconds, result = t.result
	FROM (SELECT ord, sum(seconds) AS seconds, sum(result)::bigint AS result
		  FROM bench_time GROUP BY ord) t
	WHERE t.ord = b.ord;
END
$$;

SELECT count(*) AS articles,
	   round(sum(octet_length(body)) / 1e6, 1) AS mb,
	   round(avg(octet_length(body))) AS avg_bytes,
	   pg_size_pretty(pg_total_relation_size('bench_articles')) AS on_disk,
	   current_setting('server_version') AS postgres,
	   stance_version() AS stance
FROM bench_articles \gset

\echo
\echo 'table bench_articles:' :articles 'articles,' :mb 'MB of text (avg' :avg_bytes 'bytes),' :on_disk 'on disk'
\echo 'postgres' :postgres '/' :stance
\echo 'one session: max_parallel_workers_per_gather = 0, jit = off;' :slices 'slices of ids, all queries on a slice in turn, best of' :runs 'rounds per slice'
\echo

SELECT function AS "function",
	   to_char(seconds, 'FM99990.000') AS "seconds",
	   to_char(:mb / seconds, 'FM999990.0') AS "MB/s per core",
	   result AS "result",
	   query AS "query"
FROM bench_result ORDER BY ord;

SELECT to_char(s.seconds / t.seconds, 'FM9990.00') AS time_ratio,
	   to_char((:mb / s.seconds) / (:mb / t.seconds), 'FM9990.00') AS speed_ratio
FROM bench_result s, bench_result t
WHERE s.function = 'statements' AND t.function = 'to_tsvector' \gset
\echo 'statements() / to_tsvector():' :time_ratio 'x the time,' :speed_ratio 'x the MB/s'
SQL
