--
-- sentences(): the segmentation the analysis uses
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;

-- news abbreviations (Dr. Gen. U.S. Mr.) do not end a sentence
SELECT n, start, length, paragraph, sentence
FROM sentences('Dr. Jane Roe met Gen. Mark Hale in the capital. The U.S. Army sent a team of twelve. Mr. Hale thanked them on Monday.');

-- paragraphs are numbered from 1; white space around sentences is trimmed
SELECT n, paragraph, sentence
FROM sentences(E'The first paragraph has one sentence.\n\n  The second paragraph has two.  Here is the second one.\n\nThe third paragraph ends without a full stop')
ORDER BY n;

-- positions: substr(body, start, length) = sentence, also after multibyte text
WITH t(body) AS (
	VALUES (E'Zoë Müller arrived in Zürich. Café prices rose by 5 € on Monday.\n\n東京 is far away. The 🙂 emoji ends this one.')
)
SELECT count(*) AS sentences,
	   bool_and(substr(body, start, length) = sentence) AS positions_match
FROM t, sentences(t.body);

-- NULL input: STRICT, so no rows; empty and blank input: no rows
SELECT count(*) FROM sentences(NULL);
SELECT count(*) FROM sentences('');
SELECT count(*) FROM sentences(E'  \n\n \t ');
