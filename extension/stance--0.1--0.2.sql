/* extension/stance--0.1--0.2.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION stance UPDATE TO '0.2'" to load this file. \quit

--
-- stance: a label (against, neutral, favor) with a confidence in [0,1].
-- Text form 'against' (confidence 1) or 'against:0.82'; output always
-- label:confidence, the confidence in thousandths printed without trailing
-- zeros.  A 4-byte pass-by-value datum: label in bits 16-17, confidence in
-- thousandths in bits 0-15 (see src/pg/stance_type.c).
--
CREATE TYPE stance;

CREATE FUNCTION stance_in(cstring)
RETURNS stance
AS 'MODULE_PATHNAME', 'stance_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_out(stance)
RETURNS cstring
AS 'MODULE_PATHNAME', 'stance_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_recv(internal)
RETURNS stance
AS 'MODULE_PATHNAME', 'stance_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_send(stance)
RETURNS bytea
AS 'MODULE_PATHNAME', 'stance_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE stance (
	INPUT = stance_in,
	OUTPUT = stance_out,
	RECEIVE = stance_recv,
	SEND = stance_send,
	INTERNALLENGTH = 4,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain
);

COMMENT ON TYPE stance IS
'a stance: favor, against or neutral with a confidence in [0,1], as in against:0.82';

--
-- comparison: against < neutral < favor, then by confidence
--
CREATE FUNCTION stance_eq(stance, stance)
RETURNS bool
AS 'MODULE_PATHNAME', 'stance_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION stance_ne(stance, stance)
RETURNS bool
AS 'MODULE_PATHNAME', 'stance_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION stance_lt(stance, stance)
RETURNS bool
AS 'MODULE_PATHNAME', 'stance_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION stance_le(stance, stance)
RETURNS bool
AS 'MODULE_PATHNAME', 'stance_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION stance_gt(stance, stance)
RETURNS bool
AS 'MODULE_PATHNAME', 'stance_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION stance_ge(stance, stance)
RETURNS bool
AS 'MODULE_PATHNAME', 'stance_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION stance_cmp(stance, stance)
RETURNS int4
AS 'MODULE_PATHNAME', 'stance_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION stance_sortsupport(internal)
RETURNS void
AS 'MODULE_PATHNAME', 'stance_sortsupport'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_hash(stance)
RETURNS int4
AS 'MODULE_PATHNAME', 'stance_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION stance_hash_extended(stance, int8)
RETURNS int8
AS 'MODULE_PATHNAME', 'stance_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR = (
	LEFTARG = stance, RIGHTARG = stance, FUNCTION = stance_eq,
	COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);

CREATE OPERATOR <> (
	LEFTARG = stance, RIGHTARG = stance, FUNCTION = stance_ne,
	COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);

CREATE OPERATOR < (
	LEFTARG = stance, RIGHTARG = stance, FUNCTION = stance_lt,
	COMMUTATOR = >, NEGATOR = >=,
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR <= (
	LEFTARG = stance, RIGHTARG = stance, FUNCTION = stance_le,
	COMMUTATOR = >=, NEGATOR = >,
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);

CREATE OPERATOR > (
	LEFTARG = stance, RIGHTARG = stance, FUNCTION = stance_gt,
	COMMUTATOR = <, NEGATOR = <=,
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR >= (
	LEFTARG = stance, RIGHTARG = stance, FUNCTION = stance_ge,
	COMMUTATOR = <=, NEGATOR = <,
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- equal stances are bitwise equal, so btree deduplication is safe
-- (btequalimage)
CREATE OPERATOR CLASS stance_ops
DEFAULT FOR TYPE stance USING btree AS
	OPERATOR 1 <,
	OPERATOR 2 <=,
	OPERATOR 3 =,
	OPERATOR 4 >=,
	OPERATOR 5 >,
	FUNCTION 1 stance_cmp(stance, stance),
	FUNCTION 2 stance_sortsupport(internal),
	FUNCTION 4 btequalimage(oid);

CREATE OPERATOR CLASS stance_ops
DEFAULT FOR TYPE stance USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 stance_hash(stance),
	FUNCTION 2 stance_hash_extended(stance, int8);

--
-- casts to and from text, through the text form: text to stance is
-- explicit; stance to text is an assignment cast, as PostgreSQL's automatic
-- I/O conversion casts to string types are
--
CREATE CAST (text AS stance) WITH INOUT;
CREATE CAST (stance AS text) WITH INOUT AS ASSIGNMENT;

--
-- parts of a stance, and a stance from its parts
--
CREATE FUNCTION stance_label(stance)
RETURNS text
AS 'MODULE_PATHNAME', 'stance_label'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION stance_label(stance) IS
'the label of a stance: favor, against or neutral';

CREATE FUNCTION stance_confidence(stance)
RETURNS float8
AS 'MODULE_PATHNAME', 'stance_confidence'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION stance_confidence(stance) IS
'the confidence of a stance, between 0 and 1';

CREATE FUNCTION polarity(stance)
RETURNS float8
AS 'MODULE_PATHNAME', 'stance_polarity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION polarity(stance) IS
'the polarity of a stance: +confidence for favor, -confidence for against, 0 for neutral';

CREATE FUNCTION stance(label text, confidence float8)
RETURNS stance
AS 'MODULE_PATHNAME', 'stance_make'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION stance(text, float8) IS
'a stance from a label (favor, against, neutral) and a confidence in [0,1], rounded to thousandths';

--
-- net_stance(stance): the net stance of a group.  m = mean polarity of the
-- non-NULL inputs, rounded to thousandths; |m| >= 0.1 gives favor or
-- against with confidence |m|, |m| < 0.1 gives neutral with confidence
-- 1 - |m|; no input gives NULL.  The state is that of avg(float8) over the
-- polarities in thousandths, combined by the built-in float8_combine.
--
CREATE FUNCTION stance_accum(float8[], stance)
RETURNS float8[]
AS 'MODULE_PATHNAME', 'stance_accum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_net_final(float8[])
RETURNS stance
AS 'MODULE_PATHNAME', 'stance_net_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE net_stance(stance) (
	SFUNC = stance_accum,
	STYPE = float8[],
	FINALFUNC = stance_net_final,
	COMBINEFUNC = pg_catalog.float8_combine,
	INITCOND = '{0,0,0}',
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE net_stance(stance) IS
'the net stance of a group: the sign and size of the mean polarity, neutral when it is below 0.1';

--
-- The built-in stance classifier (src/core/stance.c): the speech act of the
-- statement's cue (lexicon/acts.txt), where the target stands to it,
-- negation and modality, and the content's sentiment (VADER).
--
CREATE FUNCTION classify_stance(statement text, target text)
RETURNS stance
AS 'MODULE_PATHNAME', 'stance_classify'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION classify_stance(text, text) IS
'the stance of a statement toward a target, by the built-in model';

CREATE FUNCTION stance_debug(statement text, target text,
	OUT step text, OUT value text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'stance_debug'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION stance_debug(text, text) IS
'how classify_stance decided: target, cue, act, target slot, negation, modality, lexicon hits, scores, label, confidence';
