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
