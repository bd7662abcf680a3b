--
-- a LATIN1 database: positions are characters of the database encoding,
-- substrings come back intact, names are converted from UTF-8
--
SET client_encoding = 'UTF8';
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS stance_latin1;
RESET client_min_messages;
CREATE DATABASE stance_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c stance_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION stance;
SELECT current_setting('server_encoding') AS server_encoding;

CREATE TEMP TABLE texts (id int, body text);
INSERT INTO texts VALUES
	(1, 'Die Straße in Köln war gesperrt. "Wir öffnen sie bald," said Jürgen Weiß.'),
	(2, 'Café, crème brûlée, déjà vu - ß and ü before the quote. «Ça suffit», said Élodie Durand. "Encore," she added.'),
	(3, E'Größe: 10 m².\n\n"Die Brücke hält," said Jörg Maßmann, the engineer of the Straßenbauamt.');

-- "Größe: 10 m²." is a label, not a statement by someone called Größe
SELECT id, n, speaker, mention, cue, content, content_start, content_length
FROM texts, statements(texts.body)
ORDER BY id, n;

SELECT count(*) AS statements,
	   bool_and(substr(body, content_start, content_length) = content) AS content_ok,
	   bool_and(mention IS NULL OR substr(body, mention_start, mention_length) = mention) AS mention_ok,
	   bool_and(cue IS NULL OR substr(body, cue_start, cue_length) = cue) AS cue_ok
FROM texts, statements(texts.body);

SELECT count(*) AS sentences,
	   bool_and(substr(body, start, length) = sentence) AS sentence_ok
FROM texts, sentences(texts.body);

SELECT name, kind, role, affiliation, substr(body, first_position, length(name)) = name AS first_ok
FROM texts, speakers(texts.body)
ORDER BY id, n;

\c :regress_db
SET client_encoding = 'UTF8';

-- a SQL_ASCII database: one byte is one character, invalid UTF-8 is harmless
SET client_min_messages = warning;
DROP DATABASE IF EXISTS stance_sqlascii;
RESET client_min_messages;
CREATE DATABASE stance_sqlascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c stance_sqlascii
SET client_encoding = 'UTF8';
CREATE EXTENSION stance;
SELECT count(*) AS statements,
	   bool_and(substr(body, content_start, content_length) = content) AS content_ok,
	   bool_and(mention IS NULL OR substr(body, mention_start, mention_length) = mention) AS mention_ok
FROM (VALUES ('Zoë Müller 🙂. "Ça va," said Zoë Müller.'),
			 (E'Bad bytes \xff\xfe\xc3 here. "Still \xe2\x80 fine," said Anna Berg. \xf0\x9f')) AS t(body),
	 statements(t.body);
SELECT count(*) >= 0 AS finished FROM sentences(E'\xff\xff\xff. \xc3\xc3 "\xe2\x80\x9c');

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE stance_latin1;
DROP DATABASE stance_sqlascii;
RESET client_min_messages;
