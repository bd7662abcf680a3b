--
-- statements(): every quotation style, apostrophes, nesting, scare quotes
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;

-- one quotation in each style, all attributed to the same speaker: every
-- style should give exactly one row with speaker Anna Berg
WITH t(style, body) AS (VALUES
	('straight double', '"The bridge will open in May," said Anna Berg.'),
	('curly double',    '“The bridge will open in May,” said Anna Berg.'),
	('curly single',    '‘The bridge will open in May,’ said Anna Berg.'),
	('guillemets',      '«The bridge will open in May», said Anna Berg.'),
	('reversed guill.', '»The bridge will open in May«, said Anna Berg.'),
	('low-high double', '„The bridge will open in May,“ said Anna Berg.'),
	('low-high single', '‚The bridge will open in May,‘ said Anna Berg.'),
	('single guill.',   '‹The bridge will open in May›, said Anna Berg.'),
	('British single',  '''The bridge will open in May,'' said Anna Berg.')
)
SELECT t.style, s.n, s.kind, s.speaker, s.cue, s.content
FROM t LEFT JOIN LATERAL statements(t.body) s ON true
ORDER BY t.style, s.n;

-- apostrophes inside a British single-quoted quotation do not close it:
-- each should give one statement by Anna Berg with the whole quotation
SELECT n, speaker, content
FROM statements('''NATO''s plans for the players'' union were drawn up in the ''90s,'' said Anna Berg.');
SELECT n, speaker, content
FROM statements('''We played rock ''n'' roll until two o''clock,'' said Anna Berg.');

-- apostrophes alone never open a quotation
SELECT count(*) AS statements
FROM statements('The players'' union met at NATO''s headquarters in the ''90s and played rock ''n'' roll until one o''clock. Nobody''s plans changed.');
SELECT count(*) AS statements
FROM statements('The players’ union met at NATO’s headquarters in the ’90s and played rock ’n’ roll until one o’clock.');

-- nested quotations: the inner quotation is part of the outer content
SELECT n, speaker, content
FROM statements('"He told me ''we will never sign it'' and I believed him," said Anna Berg.');
SELECT n, speaker, content
FROM statements('“He told me ‘we will never sign it’ and I believed him,” said Anna Berg.');

-- scare quotes and titles of works are not statements
SELECT count(*) AS statements
FROM statements('The minister''s "reform" was criticized by the unions. The so-called "peace plan" was rejected. She has read "War and Peace" twice and watched "The Long Night" on Friday.');

-- a quotation continued over paragraphs: no closing mark at the end of the
-- first paragraph, the next paragraph opens again
SELECT n, kind, speaker, content
FROM statements(E'"We will build two new dams," said Anna Berg. "Each will hold a year of water for the capital.\n\n"And we will repair every pipe in the city before the winter."\n\nThe plan was approved on Friday.');

-- an unbalanced mark does not swallow the rest of the article: the
-- quotation of the second paragraph should be found, attributed to Anna Berg
SELECT n, speaker, content
FROM statements(E'The opposition called it "a disaster. Nobody closed that quotation mark.\n\nIn the next paragraph, "prices will fall," said Anna Berg.\n\nA last paragraph without quotations.');

-- many unbalanced marks: returns quickly (linear time)
SET statement_timeout = '30s';
SELECT count(*) >= 0 AS finished FROM statements(repeat('"a ', 100000));
SELECT count(*) >= 0 AS finished FROM statements(repeat('''a ', 100000));
SELECT count(*) >= 0 AS finished FROM statements(repeat('“a « ‘b ', 50000));
RESET statement_timeout;
