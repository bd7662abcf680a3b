"""Self-test of the evaluation scorer (eval/evaluate.py) on made-up sentences.

    python3 -m unittest eval/test_evaluate.py
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import evaluate as E  # noqa: E402


def span(text, sub, nth=0):
    """(start, end) of the nth occurrence of sub in text."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return (i, i + len(sub))


def gold(text, kind, content, speaker=None, cue=None):
    s, e = span(text, content)
    q = {'type': kind, 'start': s, 'end': e, 'quote': content,
         'speaker': speaker, 'speaker_start': None, 'speaker_end': None,
         'cue': cue, 'cue_start': None, 'cue_end': None}
    if speaker is not None:
        q['speaker_start'], q['speaker_end'] = span(text, speaker)
    if cue is not None:
        q['cue_start'], q['cue_end'] = span(text, cue)
    return q


def pred(text, kind, content, mention=None, cue=None):
    s = {'kind': kind, 'content_start': None, 'content_end': None,
         'mention_start': None, 'mention_end': None,
         'cue_start': None, 'cue_end': None}
    for key, sub in (('content', content), ('mention', mention), ('cue', cue)):
        if sub is not None:
            s[key + '_start'], s[key + '_end'] = span(text, sub)
    return s


TEXT = ('\u201cWe will not back down,\u201d the minister said on Monday. '
        'She added that talks would \u2018continue\u2019 \u2014 for now. '
        'Officials said: "Nothing has changed."')


class TrimTest(unittest.TestCase):

    def test_quotes_and_punctuation(self):
        t = '  \u201cWe will not back down,\u201d  '
        s, e = E.trim(t, 0, len(t))
        self.assertEqual(t[s:e], 'We will not back down')

    def test_all_quote_marks_and_dashes(self):
        for mark in ('"', "'", '\u2018', '\u2019', '\u201c', '\u201d',
                     '\u00ab', '\u00bb', '\u201e', '\u2014', '\u2013', '-'):
            t = mark + 'word' + mark
            s, e = E.trim(t, 0, len(t))
            self.assertEqual(t[s:e], 'word', mark)

    def test_commas_periods_colons_semicolons(self):
        t = ':; said,.'
        s, e = E.trim(t, 0, len(t))
        self.assertEqual(t[s:e], 'said')

    def test_inner_punctuation_kept(self):
        t = '"A, B." he said'
        s, e = E.trim(t, 0, 7)
        self.assertEqual(t[s:e], 'A, B')

    def test_punctuation_only_span_kept(self):
        # the colon cue of a transcript line "PENCE: Well, ..."
        t = 'PENCE : Well'
        s, e = E.trim(t, 5, 7)
        self.assertEqual(t[s:e], ':')

    def test_empty_absent_invalid(self):
        self.assertIsNone(E.trim('a   b', 1, 4))
        self.assertIsNone(E.trim('abc', None, None))
        self.assertIsNone(E.trim('abc', 2, 2))
        self.assertIsNone(E.trim('abc', 1, 9))


class MatchTest(unittest.TestCase):

    def test_exact_after_trimming(self):
        g = [E.trim(TEXT, *span(TEXT, '\u201cWe will not back down,\u201d'))]
        p = [E.trim(TEXT, *span(TEXT, 'We will not back down'))]
        self.assertEqual(E.match(g, p, exact=True), [(0, 0)])

    def test_overlap_but_not_exact(self):
        g = [E.trim(TEXT, *span(TEXT, 'talks would \u2018continue\u2019'))]
        p = [E.trim(TEXT, *span(TEXT, 'would \u2018continue\u2019 \u2014 for now'))]
        self.assertEqual(E.match(g, p, exact=True), [])
        self.assertEqual(E.match(g, p, exact=False), [(0, 0)])

    def test_no_shared_character(self):
        g = [span(TEXT, 'the minister')]
        p = [span(TEXT, 'said on Monday')]
        self.assertEqual(E.match(g, p, exact=False), [])

    def test_one_to_one_largest_overlap_first(self):
        # two predictions overlap the one gold span: only one may match it,
        # and it is the one sharing more characters
        g = [(0, 10)]
        p = [(8, 20), (2, 12)]
        self.assertEqual(E.match(g, p, exact=False), [(0, 1)])
        # one prediction overlapping two gold spans counts once
        g = [(0, 10), (12, 20)]
        p = [(5, 15)]
        self.assertEqual(len(E.match(g, p, exact=False)), 1)

    def test_greedy_leaves_second_best_for_other_gold(self):
        g = [(0, 10), (10, 20)]
        p = [(0, 12), (9, 20)]
        self.assertEqual(sorted(E.match(g, p, exact=False)), [(0, 0), (1, 1)])

    def test_none_never_matches(self):
        self.assertEqual(E.match([None], [None], exact=False), [])
        self.assertEqual(E.match([None, (0, 3)], [(0, 3)], exact=True), [(1, 0)])


class ScoreTest(unittest.TestCase):

    def setUp(self):
        self.gold = [
            gold(TEXT, 'direct', '\u201cWe will not back down,\u201d',
                 'the minister', 'said'),
            gold(TEXT, 'mixed', 'talks would \u2018continue\u2019 \u2014 for now',
                 'She', 'added'),
            gold(TEXT, 'direct', '"Nothing has changed."', 'Officials', 'said:'),
        ]

    def score(self, preds, kinds=E.KINDS):
        counts = {}
        E.score_article(TEXT, self.gold, preds, counts, kinds)
        return counts

    def test_perfect(self):
        preds = [
            pred(TEXT, 'direct', 'We will not back down', 'the minister', 'said'),
            pred(TEXT, 'mixed', 'talks would \u2018continue\u2019 \u2014 for now', 'She', 'added'),
            pred(TEXT, 'direct', 'Nothing has changed', 'Officials', 'said:'),
        ]
        c = self.score(preds)
        for kind in E.KINDS:
            for field in E.FIELDS:
                k = c[(kind, field)]
                self.assertEqual((k.exact, k.overlap), (k.gold, k.gold), (kind, field))
                self.assertEqual(k.gold, k.pred, (kind, field))
        self.assertEqual(c[('quoted', 'content')].gold, 3)
        self.assertEqual(c[('direct', 'content')].gold, 2)
        self.assertEqual(c[('indirect', 'content')].gold, 0)

    def test_kind_restriction(self):
        # the mixed gold statement predicted as indirect: found in "all",
        # missed in "mixed" and "quoted", a false positive in "indirect"
        preds = [pred(TEXT, 'indirect', 'talks would \u2018continue\u2019 \u2014 for now',
                      'She', 'added')]
        c = self.score(preds)
        self.assertEqual(c[('all', 'content')].overlap, 1)
        self.assertEqual(c[('mixed', 'content')].overlap, 0)
        self.assertEqual(c[('mixed', 'content')].pred, 0)
        self.assertEqual(c[('quoted', 'content')].overlap, 0)
        self.assertEqual(c[('indirect', 'content')].pred, 1)
        self.assertEqual(c[('indirect', 'content')].overlap, 0)
        m, n = E.quoted_recall_any_kind(TEXT, self.gold, preds)
        self.assertEqual((m, n), (1, 3))

    def test_quoted_row_mixes_direct_and_mixed(self):
        # a direct gold predicted as mixed counts in "quoted" only
        preds = [pred(TEXT, 'mixed', 'We will not back down')]
        c = self.score(preds)
        self.assertEqual(c[('quoted', 'content')].exact, 1)
        self.assertEqual(c[('direct', 'content')].exact, 0)
        self.assertEqual(c[('mixed', 'content')].exact, 0)

    def test_source_and_cue_fields(self):
        preds = [pred(TEXT, 'direct', 'We will not back down', 'minister', None)]
        c = self.score(preds, kinds=('direct',))
        self.assertEqual(c[('direct', 'source')].exact, 0)
        self.assertEqual(c[('direct', 'source')].overlap, 1)
        # a prediction without a cue is not counted for the cue field
        self.assertEqual(c[('direct', 'cue')].pred, 0)
        self.assertEqual(c[('direct', 'cue')].gold, 2)

    def test_gold_without_speaker_not_counted_for_source(self):
        self.gold[2]['speaker'] = None
        c = self.score([])
        self.assertEqual(c[('direct', 'source')].gold, 1)
        self.assertEqual(c[('direct', 'content')].gold, 2)

    def test_source_given_content(self):
        preds = [
            pred(TEXT, 'direct', 'We will not back down', 'minister', 'said'),
            pred(TEXT, 'mixed', 'talks would', 'Officials', 'added'),
            pred(TEXT, 'indirect', 'Nothing has changed', 'Officials', 'said:'),
        ]
        # found: the first two (the third is indirect); sources: one overlaps
        self.assertEqual(E.source_given_content(TEXT, self.gold, preds), (1, 0, 2))

    def test_prf(self):
        p, r, f = E.Counts.prf(1, 2, 4)
        self.assertAlmostEqual(p, 0.5)
        self.assertAlmostEqual(r, 0.25)
        self.assertAlmostEqual(f, 1 / 3)
        self.assertEqual(E.Counts.prf(0, 0, 0), (0.0, 0.0, 0.0))


class SpeakerTest(unittest.TestCase):

    def test_canonical_names(self):
        self.assertTrue(E.same_speaker('The Kremlin', 'kremlin'))
        self.assertTrue(E.same_speaker('Maria  Zakharova', 'maria zakharova'))
        self.assertFalse(E.same_speaker('Zakharova', 'Maria Zakharova'))
        self.assertFalse(E.same_speaker('Russia', None))


if __name__ == '__main__':
    unittest.main()
