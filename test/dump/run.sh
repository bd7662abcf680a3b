#!/bin/bash
# test/dump/run.sh -- pg_dump / pg_restore of a table holding a trained
# stance model: the restored model has the same bytes and predicts the same.
# Needs the environment of scripts/env.sh (PGHOST, PGPORT, PG_CONFIG).
# Prints "dump: ok" or "dump: FAILED ..." and exits nonzero on failure.
set -uo pipefail
bindir=$("${PG_CONFIG:-pg_config}" --bindir)
src=stance_dump_src
dst=stance_dump_dst
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
P="psql -X -q -v ON_ERROR_STOP=1"

fail() {
	echo "dump: FAILED: $*"
	exit 1
}

for db in $src $dst; do
	$P -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
	$P -d postgres -c "CREATE DATABASE $db" || fail "createdb $db"
done
$P -d $src <<'SQL' || fail "could not train the model"
CREATE EXTENSION stance;
CREATE TABLE labelled (statement text, target text, label text);
INSERT INTO labelled VALUES
 ('The mayor strongly supports the ferry service and praised its crews.', 'the ferry service', 'favor'),
 ('Commuters welcomed the ferry service as fast and cheap.', 'the ferry service', 'favor'),
 ('The council endorsed the ferry service after a trial.', 'the ferry service', 'favor'),
 ('Critics condemned the ferry service as a costly failure.', 'the ferry service', 'against'),
 ('Residents rejected the ferry service, calling it a scam.', 'the ferry service', 'against'),
 ('The operator denied the ferry service was ever profitable.', 'the ferry service', 'against'),
 ('The ferry service will be reviewed next month.', 'the ferry service', 'neutral'),
 ('Reporters asked about the timetable of the ferry service.', 'the ferry service', 'neutral'),
 ('A notice described the ferry service routes.', 'the ferry service', 'neutral');
CREATE TABLE models (name text PRIMARY KEY, model stance_model);
INSERT INTO models SELECT 'ferry', stance_train(statement, target, label) FROM labelled;
INSERT INTO models SELECT 'ferry-words', stance_train(statement, target, label,
	'{"features": ["words"], "bits": 12, "epochs": 4}') FROM labelled;
SQL

query="SELECT m.name, l.statement, classify_stance(m.model, l.statement, l.target)::text,
	stance_predict(m.model, l.statement, l.target), md5(m.model::text)
	FROM models m, labelled l ORDER BY 1, 2"
$P -At -d $src -c "$query" >"$tmp/before" || fail "prediction before the dump"
[ "$(wc -l <"$tmp/before")" = 18 ] || fail "expected 18 predictions before the dump"

"$bindir/pg_dump" -Fc -d $src -f "$tmp/dump" || fail "pg_dump"
"$bindir/pg_restore" -d $dst "$tmp/dump" || fail "pg_restore"
$P -At -d $dst -c "$query" >"$tmp/after" || fail "prediction after the restore"
# and a plain SQL dump through psql, as text
"$bindir/pg_dump" -Fp -d $src -f "$tmp/dump.sql" || fail "pg_dump (plain)"
$P -d postgres -c "DROP DATABASE $dst" >/dev/null || fail "dropdb"
$P -d postgres -c "CREATE DATABASE $dst" >/dev/null || fail "createdb"
$P -d $dst -f "$tmp/dump.sql" >/dev/null || fail "restoring the plain dump"
$P -At -d $dst -c "$query" >"$tmp/after_plain" || fail "prediction after the plain restore"

if ! cmp -s "$tmp/before" "$tmp/after"; then
	diff "$tmp/before" "$tmp/after" | head -20
	fail "predictions differ after pg_dump -Fc / pg_restore"
fi
if ! cmp -s "$tmp/before" "$tmp/after_plain"; then
	diff "$tmp/before" "$tmp/after_plain" | head -20
	fail "predictions differ after a plain pg_dump / psql"
fi
for db in $src $dst; do
	$P -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
done
echo "dump: ok ($(wc -l <"$tmp/before") predictions and model checksums equal after restore)"
