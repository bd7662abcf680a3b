--
-- statements(): spans are 1-based character positions, so that
-- substr(body, content_start, content_length) = content (likewise mention
-- and cue), also with multibyte characters before and inside the quotation
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;

CREATE TEMP TABLE texts (id int, body text);
INSERT INTO texts VALUES
	(1, 'Café owner Zoë Müller met the delegation. "Ça va très bien," said Zoë Müller.'),
	(2, '🙂🙂🙂 The emoji came first. "We are happy 🙂 today," said Anna Berg.'),
	(3, '東京 and 北京 sent envoys. “Our talks were long,” said Tom Fox, the envoy of 東京.'),
	(4, E'Ärzte ohne Grenzen — a charity — spoke out.\n\n«Les hôpitaux sont pleins», said Élodie Durand. “Wir brauchen Hilfe,” she added.'),
	(5, 'ASCII only. "Plain text," said Anna Berg.');

SELECT id, n, speaker, mention, cue, content, content_start, content_length
FROM texts, statements(texts.body)
ORDER BY id, n;

SELECT count(*) AS statements,
	   bool_and(substr(body, content_start, content_length) = content) AS content_ok,
	   bool_and(mention IS NULL OR substr(body, mention_start, mention_length) = mention) AS mention_ok,
	   bool_and(cue IS NULL OR substr(body, cue_start, cue_length) = cue) AS cue_ok,
	   bool_and((mention IS NULL) = (mention_start IS NULL)
				AND (mention IS NULL) = (mention_length IS NULL)
				AND (cue IS NULL) = (cue_start IS NULL)
				AND (cue IS NULL) = (cue_length IS NULL)) AS nulls_ok
FROM texts, statements(texts.body);

SELECT count(*) AS sentences,
	   bool_and(substr(body, start, length) = sentence) AS sentence_ok
FROM texts, sentences(texts.body);

SELECT bool_and(substr(body, first_position, length(name)) = name) AS first_ok
FROM texts, speakers(texts.body)
WHERE kind = 'person';

-- the sample article of examples/, shortened
SELECT count(*) AS statements,
	   bool_and(substr(body, content_start, content_length) = content) AS content_ok,
	   bool_and(mention IS NULL OR substr(body, mention_start, mention_length) = mention) AS mention_ok,
	   bool_and(cue IS NULL OR substr(body, cue_start, cue_length) = cue) AS cue_ok
FROM (VALUES (E'PORTO VERDE, Arcadia — Ministers met on Tuesday.\n\n"We cannot wait for the rain to save us," said Prime Minister Elena Varga. "Every week of delay costs our farmers a harvest."\n\nMaria Lopez, the spokeswoman for the Ministry of Water, said the reservoirs had fallen. "The situation is serious but not hopeless," she said.')) AS t(body),
	 statements(t.body);

-- a long text: positions stay right far from the start
SELECT count(*) AS statements,
	   bool_and(substr(body, content_start, content_length) = content) AS content_ok
FROM (SELECT string_agg(format('Étape %s: ünïcödé 🙂. "Quote number %s," said Anna Berg.', i, i), E'\n\n') AS body
	  FROM generate_series(1, 2000) i) AS t,
	 statements(t.body);
