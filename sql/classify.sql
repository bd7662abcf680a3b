--
-- classify_stance(statement, target) and stance_debug(statement, target):
-- the built-in stance classifier.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS stance;
RESET client_min_messages;

-- each act toward its object
SELECT s, t, classify_stance(s, t) AS stance
FROM (VALUES
	('Velmora accused the Northern Pact of preparing for a major war.', 'Northern Pact'),
	('The foreign ministry condemned the Osterland government''s decision.', 'Osterland'),
	('The senator criticized the Coastal Authority for its slow response.', 'Coastal Authority'),
	('The governor blamed Korvex Mining for the spill.', 'Korvex Mining'),
	('Parliament rejected the Carver proposal by a wide margin.', 'Carver proposal'),
	('The general warned Karsia that any incursion would be met with force.', 'Karsia'),
	('The president threatened Lothar Industries with heavy sanctions.', 'Lothar Industries'),
	('The spokeswoman denied the Maran Agency''s report.', 'Maran Agency'),
	('The president praised the Northern Pact for its unity.', 'Northern Pact'),
	('The minister welcomed the Tarsus Rail investment.', 'Tarsus Rail'),
	('The senator supports the Drenford dam project.', 'Drenford dam project'),
	('The party backed Hedda Lorne in the leadership contest.', 'Hedda Lorne'),
	('The newspaper endorsed Anya Rusk for governor.', 'Anya Rusk'),
	('The minister thanked Esteria for its humanitarian aid.', 'Esteria'),
	('The spokesman defended the Sentra Bank decision.', 'Sentra Bank')
) AS v(s, t);

-- neutral reports, negation, modality
SELECT s, t, classify_stance(s, t) AS stance
FROM (VALUES
	('The ministry confirmed the Northern Pact meeting would take place on Friday.', 'Northern Pact'),
	('Dalvik Energy announced a new chief executive on Monday.', 'Dalvik Energy'),
	('The mayor did not condemn the Harbour League.', 'Harbour League'),
	('The council refused to support the Drenford dam project.', 'Drenford dam project'),
	('The senator no longer supports the Pellar reform.', 'Pellar reform'),
	('The coalition may support the Kolby pipeline.', 'Kolby pipeline')
) AS v(s, t);

-- content sentiment, aliases, several targets in one sentence
SELECT s, t, classify_stance(s, t) AS stance
FROM (VALUES
	('The general said the Northern Pact was preparing for a major war.', 'Northern Pact'),
	('The senator said the Pellar reform was not bad.', 'Pellar reform'),
	('The minister accused NPA of preparing an invasion.', 'Northern Pact Alliance'),
	('The party praised Lorne for her leadership.', 'Hedda Lorne'),
	('The mayor welcomed the Rendian investment plan.', 'Rendia'),
	('The minister praised the Northern Pact but criticized Brenmark.', 'Northern Pact'),
	('The minister praised the Northern Pact but criticized Brenmark.', 'Brenmark')
) AS v(s, t);

-- a target not in the text, empty and NULL input, multibyte text
SELECT classify_stance('Zakharova condemned the remarks as irresponsible.', 'NATO');
SELECT classify_stance('', 'NATO'), classify_stance('NATO is fine.', '');
SELECT classify_stance(NULL, 'NATO') IS NULL AS null_statement,
       classify_stance('NATO', NULL) IS NULL AS null_target;
SELECT classify_stance('Der Bürgermeister von Zürich lobte nichts; he praised “Müller Bau” warmly.', 'Müller Bau');
SELECT classify_stance('Минобороны condemned NATO’s plan.', 'NATO');

-- the parts and the aggregate work on its results
SELECT stance_label(classify_stance('The minister welcomed the Tarsus Rail investment.', 'Tarsus Rail')),
       polarity(classify_stance('The governor blamed Korvex Mining for the spill.', 'Korvex Mining')) < 0 AS negative;

-- stance_debug explains the decision
SELECT * FROM stance_debug('Russia did not accuse NATO of preparing for a major war.', 'NATO');
SELECT * FROM stance_debug('The Kremlin confirmed that Trump''s envoy will travel to Moscow for further talks.', 'peace talks');
SELECT * FROM stance_debug('', 'NATO');
