/* extension/stance--0.2--0.3.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION stance UPDATE TO '0.3'" to load this file. \quit

--
-- statements(body) gains the speech act of the cue, whether the cue is
-- negated ("did not say") or hedged ("may have said"), the target of the
-- statement and the speaker's stance toward it.  A function's result type
-- cannot change in place: the 0.2 function is dropped and created again
-- (views over it must be dropped before the update and created after it).
--
DROP FUNCTION statements(text);

CREATE FUNCTION statements(body text)
RETURNS TABLE (n int, kind text, speaker text, speaker_kind text,
			   mention text, role text, affiliation text, cue text,
			   act text, negated boolean, hedged boolean,
			   content text, target text, stance stance,
			   content_start int, content_length int,
			   mention_start int, mention_length int,
			   cue_start int, cue_length int)
AS 'MODULE_PATHNAME', 'stance_statements_v3'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 1000 ROWS 10;

COMMENT ON FUNCTION statements(text) IS
'statements of a news text: speaker, cue, act, content, target and stance';

--
-- statements(body, targets): the same, with the targets the caller names
-- instead of the entities of the article, as a JSON array of names
-- '["NATO", "Russia"]' or an object of names and their aliases
-- '{"NATO": ["the alliance"], "Russia": ["Moscow", "the Kremlin"]}'.
-- The configuration is an argument, so the function stays IMMUTABLE, as
-- to_tsvector(regconfig, text) does.
--
CREATE FUNCTION statements(body text, targets jsonb)
RETURNS TABLE (n int, kind text, speaker text, speaker_kind text,
			   mention text, role text, affiliation text, cue text,
			   act text, negated boolean, hedged boolean,
			   content text, target text, stance stance,
			   content_start int, content_length int,
			   mention_start int, mention_length int,
			   cue_start int, cue_length int)
AS 'MODULE_PATHNAME', 'stance_statements_v3'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 1000 ROWS 10;

COMMENT ON FUNCTION statements(text, jsonb) IS
'statements of a news text with their stance toward the targets named (jsonb: names, or names and aliases)';

--
-- stance_model: a stance classifier trained on the user's labels (see
-- src/core/model.h for the binary layout: magic, version, checksum, labels,
-- weights).  Text form 'stance_model:v1:' followed by the layout in base64.
--
CREATE TYPE stance_model;

CREATE FUNCTION stance_model_in(cstring)
RETURNS stance_model
AS 'MODULE_PATHNAME', 'stance_model_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_model_out(stance_model)
RETURNS cstring
AS 'MODULE_PATHNAME', 'stance_model_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_model_recv(internal)
RETURNS stance_model
AS 'MODULE_PATHNAME', 'stance_model_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_model_send(stance_model)
RETURNS bytea
AS 'MODULE_PATHNAME', 'stance_model_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE stance_model (
	INPUT = stance_model_in,
	OUTPUT = stance_model_out,
	RECEIVE = stance_model_recv,
	SEND = stance_model_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);

COMMENT ON TYPE stance_model IS
'a stance classifier trained with stance_train on labelled (statement, target) pairs';

CREATE FUNCTION stance_model_info(model stance_model)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'stance_model_info'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION stance_model_info(stance_model) IS
'a trained model''s labels, feature space, training rows, options and layout version';

--
-- stance_train(statement, target, label [, options]): the aggregate
--
CREATE FUNCTION stance_train_trans(internal, text, text, text)
RETURNS internal
AS 'MODULE_PATHNAME', 'stance_train_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION stance_train_trans(internal, text, text, text, jsonb)
RETURNS internal
AS 'MODULE_PATHNAME', 'stance_train_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION stance_train_final(internal)
RETURNS stance_model
AS 'MODULE_PATHNAME', 'stance_train_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION stance_train_serial(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'stance_train_serial'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_train_deserial(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'stance_train_deserial'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION stance_train_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'stance_train_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE stance_train(statement text, target text, label text) (
	SFUNC = stance_train_trans,
	STYPE = internal,
	FINALFUNC = stance_train_final,
	FINALFUNC_MODIFY = READ_ONLY,
	SERIALFUNC = stance_train_serial,
	DESERIALFUNC = stance_train_deserial,
	COMBINEFUNC = stance_train_combine,
	PARALLEL = SAFE
);

CREATE AGGREGATE stance_train(statement text, target text, label text, options jsonb) (
	SFUNC = stance_train_trans,
	STYPE = internal,
	FINALFUNC = stance_train_final,
	FINALFUNC_MODIFY = READ_ONLY,
	SERIALFUNC = stance_train_serial,
	DESERIALFUNC = stance_train_deserial,
	COMBINEFUNC = stance_train_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE stance_train(text, text, text) IS
'train a stance model on labelled (statement, target, label) rows';

COMMENT ON AGGREGATE stance_train(text, text, text, jsonb) IS
'train a stance model with options: epochs, l2, learning_rate, bits, seed, features, class_weight';

--
-- applying a model
--
CREATE FUNCTION classify_stance(model stance_model, statement text, target text)
RETURNS stance
AS 'MODULE_PATHNAME', 'stance_model_classify'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION classify_stance(stance_model, text, text) IS
'the stance of a statement toward a target by a trained model, with the model''s probability as confidence';

CREATE FUNCTION stance_predict(model stance_model, statement text, target text)
RETURNS text
AS 'MODULE_PATHNAME', 'stance_model_predict'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION stance_predict(stance_model, text, text) IS
'the label a trained model gives a statement toward a target';
