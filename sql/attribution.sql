--
-- statements(): who said it
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;

-- speaker and cue after the quotation, in both orders
SELECT n, kind, speaker, speaker_kind, mention, cue, content
FROM statements('"The harbour is not safe for ferries," Anna Berg warned.');
SELECT n, kind, speaker, speaker_kind, mention, cue, content
FROM statements('"The harbour is not safe for ferries," said Anna Berg.');

-- speaker and cue before the quotation, with a colon
SELECT n, kind, speaker, speaker_kind, mention, cue, content
FROM statements('Anna Berg said: "The harbour is not safe for ferries."');

-- a quotation interrupted by its attribution
SELECT n, kind, speaker, mention, cue, content
FROM statements('"The harbour is not safe," Anna Berg said. "The ferries must stay in port until Friday."');

-- an appositive gives role and affiliation
SELECT n, kind, speaker, mention, role, affiliation, cue, content
FROM statements('Maria Lopez, the spokeswoman for the Ministry of Water, said: "We have enough water for the summer."');
SELECT n, kind, speaker, mention, role, affiliation, cue, content
FROM statements('"We have enough water for the summer," said Maria Lopez, the spokeswoman for the Ministry of Water.');

-- a title before the name, and a mixed quotation after "noted that": the
-- speaker is Harold Quinn, the title goes to the role
SELECT n, kind, speaker, mention, role, affiliation, cue, content
FROM statements('Former U.S. President Harold Quinn noted that the treaty was ''a gift to our rivals'' and should be torn up.');
SELECT n, kind, speaker, mention, role, cue, content
FROM statements('Senator Ruth Alvarez said the budget was "built on sand" and would not pass.');

-- a pronoun is resolved to the previous compatible speaker
SELECT n, speaker, mention, cue, content
FROM statements('"Prices will rise," said Anna Berg. "Wages will not," she added.');
SELECT n, speaker, mention, cue, content
FROM statements('"Prices will rise," said Anna Berg. "Wages will not," said Tom Fox. "Taxes will," she added.');
SELECT n, speaker, mention, cue, content
FROM statements(E'Tom Fox, the mayor, spoke first. "We are ready for the storm," he said.');

-- a surname is resolved to the full name used earlier
SELECT n, speaker, mention, cue, content
FROM statements(E'"The vote was fair," said Anna Berg, the head of the electoral commission.\n\nHer critics disagreed. Berg said: "Every ballot was counted twice."');

-- organisations and places that speak
SELECT n, speaker, speaker_kind, mention, cue, content
FROM statements('"The border will stay closed until further notice," the ministry said.');
SELECT n, speaker, speaker_kind, mention, cue, content
FROM statements('The Kremlin said the talks were "a waste of time" and left the room.');
SELECT n, speaker, speaker_kind, mention, cue, content
FROM statements('"We will not negotiate under pressure," Moscow said in a statement.');

-- anonymous sources and groups
SELECT n, speaker, speaker_kind, mention, cue, content
FROM statements('"We were not consulted at all," one European diplomat said.');
SELECT n, speaker, speaker_kind, mention, cue, content
FROM statements('"The plan is dead," officials said on Tuesday.');
-- "according to": one statement by an anonymous source
SELECT n, speaker, speaker_kind, mention, cue, content
FROM statements('According to two people familiar with the talks, the deal was "as good as signed".');

-- a follow-on quotation without a cue inherits the previous speaker
SELECT n, kind, speaker, mention, cue, content
FROM statements(E'"We will not give up," said Anna Berg.\n\n"The fight has only started, and we have the numbers."\n\nThe council meets again on Monday.');
