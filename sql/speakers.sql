--
-- speakers(): one row per resolved speaker
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;

CREATE TEMP TABLE article (body text);
INSERT INTO article VALUES (E'Maria Lopez, the spokeswoman for the Ministry of Water, said the reservoirs were low. "The situation is serious," she said.\n\n"These numbers were known in March," Tomas Brandt, the leader of the opposition, warned.\n\n"A plan that arrives in July is not a plan at all."\n\nLopez said: "We will reach the autumn."\n\nThe ministry said tankers would supply "the worst-hit villages first" from next week.');

-- "the ministry" that speaks is the Ministry of Water of the appositive, so
-- its canonical name should be "Ministry of Water"
SELECT n, name, kind, role, affiliation, mentions, statements
FROM article, speakers(article.body)
ORDER BY n;

-- every statement's speaker is one of the speakers, and the counts agree
SELECT s.speaker, count(*) AS statements
FROM article, statements(article.body) s
GROUP BY s.speaker
ORDER BY s.speaker;

-- the first position points at a mention of the speaker
SELECT name, first_position, substr(body, first_position, length(name)) AS at_first
FROM article, speakers(article.body)
ORDER BY first_position;
