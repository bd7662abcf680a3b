#!/bin/bash
# eval/model_eval.sh -- accuracy of stance models trained in SQL with the
# stance_train aggregate, on the public data sets of ../shared/data (read at
# run time, never copied into the repository).  Not part of stance-test.
#
#	(a) Emergent (emergent/train.tsv; headline = statement, claim = target):
#	    5-fold cross-validation grouped by claim (fold = md5(claim_id) mod 5,
#	    so no claim is in two folds); accuracy over all rows.
#	(b) FNC-1 (fnc1/; body = statement, headline = target): a hold-out of
#	    20% of the bodies (md5('fnc1-holdout:' || body_id) mod 5 = 0), the
#	    model trained on the pairs of the other bodies; the FNC score as a
#	    percentage of the maximum (+0.25 for a right related/unrelated call,
#	    +0.75 more for the exact label of a related pair).
#
# Usage (with the environment of scripts/env.sh):
#	bash eval/model_eval.sh [emergent|fnc1|all]
# EMERGENT_OPTS / FNC1_OPTS: the options jsonb of stance_train for each.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd -P)
data=${STANCE_DATA:-$here/../shared/data}
[ -d "$data/emergent" ] || data=/work/shared/data
what=${1:-all}
db=${MODEL_EVAL_DB:-model_eval}
EMERGENT_OPTS=${EMERGENT_OPTS:-'{}'}
FNC1_OPTS=${FNC1_OPTS:-'{}'}

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
P="psql -X -q -v ON_ERROR_STOP=1 -d $db"
$P -c "CREATE EXTENSION stance"

# a fold number 0..4 from a key
$P <<'SQL'
CREATE FUNCTION fold5(key text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ((('x' || substr(md5(key), 1, 8))::bit(32)::bigint) % 5)::int $$;
SQL

if [ "$what" = all ] || [ "$what" = emergent ]; then
	$P -c "CREATE TABLE emergent (claim_id text, claim text, headline text, label text)"
	$P -c "\\copy emergent FROM '$data/emergent/train.tsv' WITH (FORMAT text, HEADER true)"
	echo "Emergent: $($P -At -c "SELECT count(*) || ' rows, ' || count(DISTINCT claim_id) || ' claims' FROM emergent")"
	echo "options: $EMERGENT_OPTS"
	$P -v opts="$EMERGENT_OPTS" <<'SQL'
\timing on
CREATE TABLE em AS SELECT *, fold5(claim_id) AS fold FROM emergent;
CREATE TABLE em_models AS
SELECT f.fold,
       (SELECT stance_train(headline, claim, label, :'opts'::jsonb)
          FROM em WHERE em.fold <> f.fold) AS model
  FROM generate_series(0, 4) AS f(fold);
\timing off
CREATE TABLE em_pred AS
SELECT em.*, stance_predict(m.model, em.headline, em.claim) AS pred,
       CASE em.label WHEN 'for' THEN 'favor' WHEN 'observing' THEN 'neutral' ELSE em.label END AS gold
  FROM em JOIN em_models m USING (fold);
SELECT fold, count(*) AS rows, round(avg((pred = gold)::int), 4) AS accuracy
  FROM em_pred GROUP BY ROLLUP (fold) ORDER BY fold NULLS LAST;
SELECT gold, pred, count(*) FROM em_pred GROUP BY 1, 2 ORDER BY 1, 2;
SELECT 'Emergent 5-fold CV accuracy (grouped by claim): ' || round(avg((pred = gold)::int), 4)
  FROM em_pred;
SQL
fi

if [ "$what" = all ] || [ "$what" = fnc1 ]; then
	$P -c "CREATE TABLE fnc_bodies (body_id int PRIMARY KEY, body text)"
	$P -c "\\copy fnc_bodies FROM '$data/fnc1/train_bodies.tsv' WITH (FORMAT text, HEADER true)"
	$P -c "CREATE TABLE fnc_stances (headline text, body_id int, label text)"
	$P -c "\\copy fnc_stances FROM '$data/fnc1/train_stances.tsv' WITH (FORMAT text, HEADER true)"
	echo "options: $FNC1_OPTS"
	$P -v opts="$FNC1_OPTS" <<'SQL'
CREATE TABLE fnc AS
SELECT s.headline, b.body, s.label, s.body_id,
       fold5('fnc1-holdout:' || s.body_id) = 0 AS holdout
  FROM fnc_stances s JOIN fnc_bodies b USING (body_id);
SELECT holdout, count(*) AS pairs, count(DISTINCT body_id) AS bodies FROM fnc GROUP BY 1 ORDER BY 1;
\timing on
CREATE TABLE fnc_model AS
SELECT stance_train(body, headline, label, :'opts'::jsonb) AS model FROM fnc WHERE NOT holdout;
\timing off
SELECT stance_model_info(model) - 'classes' AS info FROM fnc_model;
\timing on
CREATE TABLE fnc_pred AS
SELECT f.label AS gold, stance_predict(m.model, f.body, f.headline) AS pred
  FROM fnc f, fnc_model m WHERE f.holdout;
\timing off
SELECT gold, pred, count(*) FROM fnc_pred GROUP BY 1, 2 ORDER BY 1, 2;
SELECT 'FNC-1 hold-out score: ' || round(100.0 * sum(
         CASE WHEN (gold = 'unrelated') = (pred = 'unrelated') THEN 0.25 ELSE 0 END +
         CASE WHEN gold <> 'unrelated' AND pred = gold THEN 0.75 ELSE 0 END)
       / sum(CASE WHEN gold = 'unrelated' THEN 0.25 ELSE 1.0 END), 2) || '% of the maximum ('
       || count(*) || ' pairs)'
  FROM fnc_pred;
SQL
fi
