/* extension/stance--0.1.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION stance" to load this file. \quit

--
-- sentences(body) -- the segmentation the analysis uses: one row per sentence.
-- Positions are 1-based character positions into body, so that
-- substr(body, start, length) = sentence.  Paragraphs are numbered from 1.
--
CREATE FUNCTION sentences(body text)
RETURNS TABLE (n int, start int, length int, paragraph int, sentence text)
AS 'MODULE_PATHNAME', 'stance_sentences'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 1000 ROWS 20;

COMMENT ON FUNCTION sentences(text) IS
'sentences of a text, with 1-based character positions and paragraph numbers';

--
-- statements(body) -- one row per statement (direct or mixed quotation) with
-- its speaker, the words naming the speaker (mention), the reporting words
-- (cue) and what was said (content).  Spans are 1-based character positions
-- and lengths: substr(body, content_start, content_length) = content, and
-- likewise for mention and cue.  Absent parts are NULL.
--
CREATE FUNCTION statements(body text)
RETURNS TABLE (n int, kind text, speaker text, speaker_kind text,
			   mention text, role text, affiliation text, cue text,
			   content text, content_start int, content_length int,
			   mention_start int, mention_length int,
			   cue_start int, cue_length int)
AS 'MODULE_PATHNAME', 'stance_statements'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 1000 ROWS 10;

COMMENT ON FUNCTION statements(text) IS
'statements (quotations) of a news text with their speakers and cues';

--
-- speakers(body) -- one row per resolved speaker of the text.
--
CREATE FUNCTION speakers(body text)
RETURNS TABLE (n int, name text, kind text, role text, affiliation text,
			   mentions int, statements int, first_position int)
AS 'MODULE_PATHNAME', 'stance_speakers'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 1000 ROWS 5;

COMMENT ON FUNCTION speakers(text) IS
'speakers of a news text: canonical name, kind, role, affiliation, counts';

--
-- stance_version() -- versions of the extension, its engine and ICU.
--
CREATE FUNCTION stance_version()
RETURNS text
AS 'MODULE_PATHNAME', 'stance_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION stance_version() IS
'versions of the stance extension, its analysis engine and ICU';
