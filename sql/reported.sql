--
-- statements() and speakers(): reported speech and whole-article resolution
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
-- Reported speech (indirect and mixed statements) and whole-article
-- speaker resolution.  Every sentence here is written for these tests.

-- "X said (that) ...", "X warned that ...", with and without "that"
SELECT n, kind, speaker, cue, content
FROM statements('Mayor Lena Okafor said the bridge would reopen in May. The council warned that repairs could cost more than planned.');

-- verbs with an object: accuse Y of, describe Y as, urge Y to
SELECT n, kind, speaker, cue, content
FROM statements('Senator Paul Reyes accused the agency of hiding the report. He described the delay as unacceptable.');

-- a parenthetical attribution: the content is the whole sentence (no one
-- before "she" in this text, so the speaker is unknown)
SELECT n, kind, speaker, cue, content
FROM statements('These new tariffs, she argued, will hurt the farmers most.');

-- "according to X", before and after the content
SELECT n, kind, speaker, mention, cue, content
FROM statements(E'According to the finance ministry, the deficit fell by a third.\n\nThe deficit will rise again next year, according to two economists at the central bank.');

-- the speaker after the content, in either order
SELECT n, kind, speaker, cue, content
FROM statements(E'The reservoir will be full by June, the water authority said on Monday.\n\nThe plan has no money behind it, said Carla Mendes, the leader of the opposition.');

-- hearers are not content: "told reporters that", "asked X whether"
SELECT n, kind, speaker, cue, content
FROM statements('Minister Jonas Hale told reporters on Friday that the talks had failed.');

-- a relative clause holds a statement of its own
SELECT n, kind, speaker, mention, cue, content
FROM statements('Anna Berg, who said the plant was unsafe, resigned on Tuesday.');

-- negated and hedged cues are kept (the content is what was not said)
SELECT n, kind, speaker, cue, content
FROM statements('The company did not say whether the factory would close.');

-- not statements: passives, "claimed lives", nouns that look like verbs
SELECT count(*) AS statements
FROM statements('The plan has been criticized for months. The storm claimed four lives. The morning shows were cancelled.');

-- colon introduction across a paragraph break
SELECT n, kind, speaker, cue, content
FROM statements(E'Carla Mendes continued:\n\n"We will not give up the fight for clean water in this valley."');

-- resolution: a pronoun with two candidate speakers goes to the one of its
-- gender; a surname to the full name; the description to the named person
SELECT n, speaker, mention, cue
FROM statements(E'Maria Lopez met Tomas Brandt on Monday. She said the meeting had gone well. He said nothing had been agreed.\n\nLopez later told reporters that she would meet him again.');

-- anonymous sources and groups
SELECT name, kind, role, affiliation
FROM speakers(E'One Portuguese diplomat said the treaty was dead. Several European officials said it could still be saved.')
ORDER BY n;

-- organisations that speak, and an organisation named in full and then by its head
SELECT name, kind, role, affiliation, statements
FROM speakers(E'The Ministry of Health said the vaccine was safe. The ministry added that a second dose would follow.')
ORDER BY n;

-- speakers() lists only those who speak, with roles from appositives and titles
SELECT name, kind, role, affiliation, mentions, statements
FROM speakers(E'Former Finance Minister Rosa Ibarra said the budget was a fiction. The budget was prepared by Luis Prado, who did not comment.')
ORDER BY n;

-- spans stay exact for reported speech too
SELECT bool_and(substr(b, content_start, content_length) = content) AS content_ok,
	   bool_and(mention_start IS NULL OR substr(b, mention_start, mention_length) = mention) AS mention_ok,
	   bool_and(cue_start IS NULL OR substr(b, cue_start, cue_length) = cue) AS cue_ok
FROM (VALUES (E'Élodie Durand said the café would close. According to the mayor, the town needs it.')) v(b),
	 statements(v.b);

-- a description first, the name as its appositive
SELECT n, speaker, speaker_kind, mention, role, affiliation
FROM statements('Arcadia''s ambassador to Belgium, Petra Lind, said the talks were over.');

-- coordinated statements: the first content ends before ", and" + the
-- second speaker's clause
SELECT n, speaker, cue, content
FROM statements('Senator Ivo Laine praised Arcadia for its patience, and Minister Jana Holm praised the mediators.');
